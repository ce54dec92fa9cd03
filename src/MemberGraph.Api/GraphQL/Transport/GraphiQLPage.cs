namespace MemberGraph.GraphQL.Transport;

/// <summary>
/// A small self-contained query page for browsers at GET /graphql (no CDN, no package): a query box,
/// variables, a bearer token, and the JSON answer.
/// </summary>
internal static class GraphiQLPage
{
    private const string Html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>MemberGraph</title>
        <style>
          body{font-family:system-ui,sans-serif;margin:0;display:grid;grid-template-columns:1fr 1fr;height:100vh}
          textarea,pre{font-family:ui-monospace,monospace;font-size:13px;box-sizing:border-box;width:100%;margin:0}
          section{display:flex;flex-direction:column;padding:8px;gap:6px;min-height:0}
          #query{flex:3}#variables{flex:1}pre{flex:1;overflow:auto;background:#f6f8fa;padding:8px}
          header{display:flex;gap:6px}input{flex:1}
        </style></head>
        <body>
        <section>
          <header><strong>MemberGraph</strong><input id="token" placeholder="Bearer token (dev-token)"><button id="run">Run ▶</button></header>
          <textarea id="query">{ __typename }</textarea>
          <textarea id="variables" placeholder="variables JSON">{}</textarea>
        </section>
        <section><pre id="result"></pre></section>
        <script>
          const $ = id => document.getElementById(id);
          $('token').value = localStorage.getItem('mg-token') || '';
          $('run').onclick = async () => {
            localStorage.setItem('mg-token', $('token').value);
            const headers = {'content-type':'application/json', accept:'application/graphql-response+json'};
            if ($('token').value) headers.authorization = 'Bearer ' + $('token').value.trim();
            let variables = {};
            try { variables = JSON.parse($('variables').value || '{}'); } catch { $('result').textContent = 'variables: not JSON'; return; }
            const response = await fetch(location.pathname, {method:'POST', headers, body: JSON.stringify({query: $('query').value, variables})});
            $('result').textContent = response.status + '\n' + JSON.stringify(await response.json(), null, 2);
          };
        </script>
        </body></html>
        """;

    public static async Task WriteAsync(HttpContext http)
    {
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(Html, http.RequestAborted);
    }
}
