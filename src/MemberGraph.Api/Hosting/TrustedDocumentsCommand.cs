using MemberGraph.GraphQL.TrustedDocuments;

namespace MemberGraph.Hosting;

/// <summary>
/// <c>trusted-documents</c>: writes the trusted-documents manifest from the apps' operations
/// (<c>clients/&lt;app&gt;/operations/*.graphql</c>), or with <c>--check</c> says whether the manifest is up to date (exit 1
/// when not). Paths are relative to the current folder, the repository root by default. Composes nothing.
/// </summary>
internal static class TrustedDocumentsCommand
{
    public const string Name = "trusted-documents";

    public static int Run(CliOptions options, TextWriter output)
    {
        var clients = options.Get("clients") ?? "clients";
        var manifest = options.Get("out") ?? Path.Combine(clients, TrustedDocumentManifest.FileName);
        if (!Directory.Exists(clients))
        {
            throw new CliUsageException($"No clients folder at '{Path.GetFullPath(clients)}': run from the repository root or pass --clients.");
        }

        var documents = TrustedDocumentManifest.FromClients(clients);
        var text = TrustedDocumentManifest.Write(documents);
        if (options.Get("check") is not null)
        {
            var current = File.Exists(manifest) ? File.ReadAllText(manifest) : null;
            if (current != text)
            {
                output.WriteLine($"{manifest} is out of date ({documents.Count} documents in {clients}/*/operations): run trusted-documents.");
                return 1;
            }

            output.WriteLine($"{manifest} is up to date ({documents.Count} documents).");
            return 0;
        }

        File.WriteAllText(manifest, text);
        output.WriteLine($"Wrote {documents.Count} documents to {manifest}.");
        return 0;
    }
}
