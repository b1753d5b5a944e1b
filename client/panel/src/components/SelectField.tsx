// Select-based fields (Select, AutoComplete) for a required Form.Item: without the aria-required/aria-invalid the Form.Item injects, which antd puts on the wrapper <div> where ARIA does not allow them (axe: aria-allowed-attr); the label's required mark and the error text still show.
import { AutoComplete, Select, type AutoCompleteProps, type SelectProps } from 'antd';

type FormAria = { 'aria-required'?: unknown; 'aria-invalid'?: unknown };

export function SelectField<V = unknown>({ 'aria-required': _required, 'aria-invalid': _invalid, ...rest }: SelectProps<V> & FormAria) {
  return <Select<V> {...rest} />;
}

export function AutoCompleteField({ 'aria-required': _required, 'aria-invalid': _invalid, ...rest }: AutoCompleteProps & FormAria) {
  return <AutoComplete {...rest} />;
}
