"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.default = App;
require("./app.css");
function App({ children }) {
    return children;
}
