// Renders each indicator's Vega-Lite spec (a JSON data block on the page) with our own copy of
// vega-embed. CSP-safe: expressions are parsed to an AST and run by vega-interpreter (no eval, no
// new Function), the canvas renderer sets no inline styles, and neither vega-embed nor its tooltip
// injects a style sheet.
import { expressionInterpreter } from "./vendor/vega-interpreter.js";

for (const element of document.querySelectorAll("[data-chart]")) {
  const data = document.getElementById(element.dataset.chart);
  if (!data) continue;
  const spec = JSON.parse(data.textContent);
  window
    .vegaEmbed(element, spec, {
      ast: true,
      expr: expressionInterpreter,
      renderer: "canvas",
      actions: false,
      defaultStyle: false,
      tooltip: { disableDefaultStyle: true }, // its style sheet would be inline: dashboard.css styles it
    })
    .catch((error) => {
      element.hidden = true; // the table below still shows every figure
      console.error(error);
    });
}
