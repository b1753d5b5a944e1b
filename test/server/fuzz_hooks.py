# Schemathesis hooks for the API fuzz run (loaded through SCHEMATHESIS_HOOKS).
#
# CPython 3.11 can raise "SystemError: AST constructor recursion depth mismatch" from ast.parse when it runs deep in
# a stack; hypothesis calls ast.parse only to *name* a filter lambda in a strategy's repr, so the fuzz run died on a
# cosmetic step now and then. An unknown name is what hypothesis itself falls back to when it cannot parse a lambda.
from hypothesis.internal import lambda_sources

_describe = lambda_sources._lambda_description


def _describe_or_unknown(f, *args, **kwargs):
    try:
        return _describe(f, *args, **kwargs)
    except SystemError:
        return "lambda: <unknown>"


lambda_sources._lambda_description = _describe_or_unknown
