// Stylesheets mean nothing to jsdom component tests.
module.exports = {};
