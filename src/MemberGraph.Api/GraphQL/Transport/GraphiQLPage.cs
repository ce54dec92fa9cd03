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

    /// <summary>
    /// The page's own policy, in place of the API's <c>default-src 'none'</c>: its one inline script and one inline style by
    /// their hashes (computed from the text served, so editing the page keeps it working), fetches to this origin only.
    /// </summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; script-src '{Hash(Inline("script"))}'; style-src '{Hash(Inline("style"))}'; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static async Task WriteAsync(HttpContext http)
    {
        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(Html, http.RequestAborted);
    }

    /// <summary>The text between the page's one &lt;<paramref name="element"/>&gt; and its end tag.</summary>
    private static string Inline(string element)
    {
        var start = Html.IndexOf($"<{element}>", StringComparison.Ordinal) + element.Length + 2;
        return Html[start..Html.IndexOf($"</{element}>", start, StringComparison.Ordinal)];
    }

    private static string Hash(string text) =>
        "sha256-" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
