/// The report's inline stylesheet: system fonts only, readable at 1280 px, and print rules that keep
/// charts and table rows whole.
enum HTMLStyle {
    static let css = """
        :root { color-scheme: light; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; font-size: 14px;
          line-height: 1.45; color: #1a1a1a; background: #fff; margin: 0 auto; padding: 16px 24px; max-width: 1220px; }
        h1 { font-size: 24px; margin: 8px 0; }
        h2 { font-size: 20px; margin: 28px 0 8px; padding-top: 12px; border-top: 2px solid #333; word-break: break-all; }
        h3 { font-size: 16px; margin: 22px 0 6px; }
        h4 { font-size: 14px; margin: 14px 0 4px; word-break: break-all; }
        code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
        .verdict { display: inline-block; font-weight: bold; padding: 2px 10px; border-radius: 4px; margin: 0; }
        .good { background: #dcf3e3; color: #14532d; }
        .bad { background: #fde2e1; color: #7f1d1d; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0; }
        dl.facts dt { font-weight: 600; color: #444; }
        dl.facts dd { margin: 0; word-break: break-all; }
        table { border-collapse: collapse; margin: 6px 0 10px; font-size: 13px; }
        th, td { border: 1px solid #d4d4d4; padding: 3px 7px; text-align: left; vertical-align: top; }
        th { background: #f2f2f2; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.node { word-break: break-all; max-width: 340px; }
        tr:target { background: #fff6c9; }
        tr.flagged td:first-child { border-left: 4px solid #d97706; }
        .sev { font-weight: bold; padding: 0 5px; border-radius: 3px; }
        .sev-error { background: #fde2e1; color: #7f1d1d; }
        .sev-warning { background: #fef3c7; color: #78350f; }
        .sev-note { background: #e0ecfb; color: #1e3a8a; }
        figure { margin: 8px 0 16px; }
        figcaption { font-size: 12.5px; color: #444; max-width: 1100px; }
        svg.plot { max-width: 100%; height: auto; display: block; font-family: inherit; }
        .hint { background: #f6f6f6; border-left: 4px solid #999; padding: 6px 10px; }
        .error-box { background: #fde2e1; border-left: 4px solid #b91c1c; padding: 6px 10px; word-break: break-all; }
        a { color: #1f4fa8; }
        footer { margin-top: 36px; border-top: 1px solid #ccc; font-size: 12.5px; color: #444; }
        @media print {
          body { max-width: none; padding: 0; font-size: 11px; }
          section.model + section.model { break-before: page; }
          h2, h3, h4 { break-after: avoid; }
          figure, svg.plot, tr, .hint, .error-box { break-inside: avoid; }
          thead { display: table-header-group; }
          svg.plot { width: 100%; height: auto; }
          a { color: inherit; text-decoration: none; }
          table { font-size: 10px; }
        }

        """
}
