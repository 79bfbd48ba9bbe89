/* Draws every chart placeholder (figure.explainer-chart) on each page load, including
 * Material's instant navigation (document$). plotly.js is served by the site and loaded only
 * when a chart comes near the viewport; charts follow the light/dark palette, resize with
 * their container, are purged when the page changes, and print in light colours. */
(() => {
  "use strict";
  const CONFIG = { displaylogo: false, showSendToCloud: false, displayModeBar: false,
                   responsive: false, scrollZoom: false };
  const PRINT = { bg: "#ffffff", fg: "#000000", grid: "#dddddd", muted: "#555555" };
  const scope = () => (typeof __md_scope !== "undefined" ? __md_scope : new URL(".", location.href));
  const live = new Set();
  let bundle = null;
  let watcher = null;

  function loadPlotly(src) {
    bundle ??= new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = () => (window.Plotly ? resolve(window.Plotly) : reject(new Error(src)));
      script.onerror = () => { bundle = null; reject(new Error(`could not load ${src}`)); };
      document.head.append(script);
    });
    return bundle;
  }

  function colours() {
    const probe = document.createElement("span");
    probe.style.cssText = "position:absolute;visibility:hidden;color:var(--md-default-fg-color);"
      + "background:var(--md-default-bg-color);border:1px solid var(--md-default-fg-color--lightest);"
      + "outline:1px solid var(--md-default-fg-color--light)";
    document.body.append(probe);
    const css = getComputedStyle(probe);
    const result = { fg: css.color, bg: css.backgroundColor, grid: css.borderTopColor,
                     muted: css.outlineColor };
    probe.remove();
    return result;
  }

  /* A relayout update (dotted keys) that paints a chart in the given colours. */
  function themeUpdate(gd, c) {
    const update = { paper_bgcolor: c.bg, plot_bgcolor: c.bg, "font.color": c.fg,
                     "hoverlabel.bgcolor": c.bg, "hoverlabel.font.color": c.fg,
                     "legend.font.color": c.fg, "legend.title.font.color": c.fg };
    for (const key of Object.keys(gd.layout || {})) {
      if (/^[xy]axis\d*$/.test(key)) {
        update[`${key}.gridcolor`] = c.grid; update[`${key}.linecolor`] = c.muted;
        update[`${key}.color`] = c.fg;
      }
    }
    if (gd.layout?.geo) {
      Object.assign(update, { "geo.bgcolor": c.bg, "geo.landcolor": c.grid,
                              "geo.countrycolor": c.muted, "geo.subunitcolor": c.muted });
    }
    if (gd.layout?.sliders?.length) {
      Object.assign(update, { "sliders[0].currentvalue.font.color": c.fg,
                              "sliders[0].bordercolor": c.muted, "sliders[0].tickcolor": c.muted });
    }
    return update;
  }

  function setPath(target, path, value) {
    const keys = path.replace(/\[(\d+)\]/g, ".$1").split(".");
    let node = target;
    for (const key of keys.slice(0, -1)) node = node[key] ??= {};
    node[keys.at(-1)] = value;
  }

  async function draw(plot) {
    if (plot.dataset.state) return;
    plot.dataset.state = "loading";
    const figure = plot.closest("figure");
    try {
      const spec = JSON.parse(plot.dataset.figure);  // not a <script>: see embeds.py
      const Plotly = await loadPlotly(new URL(plot.dataset.bundle, scope()).href);
      const config = { ...CONFIG, topojsonURL: new URL(plot.dataset.topojson, scope()).href };
      const layout = spec.layout;
      const themed = themeUpdate({ layout }, colours());
      for (const [key, value] of Object.entries(themed)) setPath(layout, key, value);
      await Plotly.newPlot(plot, spec.data, layout, config);
      if (spec.frames) await Plotly.addFrames(plot, spec.frames);
      plot.on("plotly_click", (event) => follow(figure, event));
      live.add(plot);
      resizer.observe(plot);
      plot.dataset.state = "drawn";
    } catch (error) {
      plot.dataset.state = "failed";
      console.warn("chart could not be drawn:", error);  // the table below still has the data
    }
  }

  /* A click on a point follows the table's link for the same key (a state, an event). */
  function follow(figure, event) {
    const data = event.points?.[0]?.customdata;
    const key = Array.isArray(data) ? data[0] : data;
    if (!key) return;
    const link = figure.querySelector(`a[data-key="${CSS.escape(String(key))}"]`);
    if (link) link.click();
  }

  const resizer = new ResizeObserver((entries) => {
    for (const entry of entries) {
      if (entry.contentRect.width > 0 && window.Plotly && live.has(entry.target)) {
        window.Plotly.Plots.resize(entry.target);
      }
    }
  });

  function retheme(c) {
    for (const plot of live) window.Plotly.relayout(plot, themeUpdate(plot, c));
  }

  function purgeDetached() {
    for (const plot of live) {
      if (!plot.isConnected) {
        resizer.unobserve(plot);
        window.Plotly.purge(plot);
        live.delete(plot);
      }
    }
  }

  function watch() {
    purgeDetached();
    watcher?.disconnect();
    const plots = document.querySelectorAll("figure.explainer-chart .explainer-chart__plot");
    if (!plots.length) return;
    watcher = new IntersectionObserver((entries, observer) => {
      for (const entry of entries) {
        if (entry.isIntersecting) { observer.unobserve(entry.target); draw(entry.target); }
      }
    }, { rootMargin: "300px 0px" });
    plots.forEach((plot) => watcher.observe(plot));
  }

  new MutationObserver(() => retheme(colours())).observe(document.body,
    { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  window.addEventListener("beforeprint", () => {
    document.querySelectorAll(".explainer-chart__plot:not([data-state])").forEach(draw);
    retheme(PRINT);
  });
  window.addEventListener("afterprint", () => retheme(colours()));

  if (window.document$) window.document$.subscribe(watch);
  else document.addEventListener("DOMContentLoaded", watch);
})();
