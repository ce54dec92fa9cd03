using System.Security.Cryptography;
using System.Text;
using MemberGraph.GraphQL.TrustedDocuments;
using MemberGraph.Hosting;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.GraphQL;

/// <summary>
/// The trusted-documents manifest (<c>clients/trusted-documents.json</c>) is what the <c>trusted-documents</c> command makes of
/// the apps' <c>clients/&lt;app&gt;/operations/*.graphql</c>: an app that adds a document without regenerating fails here.
/// </summary>
public sealed class TrustedDocumentManifestTests
{
    private static readonly string Clients = Path.Combine(RepositoryRoot.Path, "clients");

    [Fact]
    public void The_committed_manifest_is_what_the_generator_makes_of_the_apps_operations()
    {
        // given
        var committed = File.ReadAllText(Path.Combine(Clients, TrustedDocumentManifest.FileName));

        // when
        var generated = TrustedDocumentManifest.Write(TrustedDocumentManifest.FromClients(Clients));

        // then
        Assert.True(generated == committed,
            "clients/trusted-documents.json is out of date: run `dotnet run --project src/MemberGraph.Api -- trusted-documents` at the repository root.");
    }

    [Fact]
    public async Task The_command_hashes_each_apps_operations_exactly_and_check_fails_once_a_document_is_added()
    {
        // given: two apps sharing one document (with a byte order mark in one copy), a folder that is no app's operations
        var clients = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"membergraph-clients-{Guid.NewGuid():N}")).FullName;
        const string home = "query Home {\n  me { id displayName }\n}\n";
        const string card = "# 会员卡\nquery Card($code: String!) { memberByCode(code: $code) { id } }\n";
        Write(clients, "mini-program/operations/home.graphql", home);
        Write(clients, "store-tool/operations/card.graphql", card);
        Write(clients, "store-tool/operations/home.graphql", "\uFEFF" + home);
        Write(clients, "partner-mall/queries/mall.graphql", "{ mall }");
        var manifest = Path.Combine(clients, TrustedDocumentManifest.FileName);

        try
        {
            // when
            var wrote = await CliAsync("trusted-documents", "--clients", clients, "--out", manifest);
            var upToDate = await CliAsync("trusted-documents", "--clients", clients, "--out", manifest, "--check");
            Write(clients, "store-tool/operations/write-off.graphql", "mutation WriteOff { __typename }\n");
            var stale = await CliAsync("trusted-documents", "--clients", clients, "--out", manifest, "--check");

            // then: sha256 of each text's UTF-8 bytes, lower-case hex; the shared document once; ids in order
            var read = TrustedDocumentManifest.Read(await File.ReadAllTextAsync(manifest));
            Assert.Equal(0, wrote);
            Assert.Equal(0, upToDate);
            Assert.Equal(1, stale);
            Assert.Equal(new[] { card, home }.Select(Hash).Order(StringComparer.Ordinal), read.Keys);
            Assert.Equal(home, read[Hash(home)]);
            Assert.Equal(card, read[Hash(card)]);
            Assert.Contains("# 会员卡", await File.ReadAllTextAsync(manifest), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(clients, recursive: true);
        }
    }

    [Fact]
    public void A_manifest_entry_whose_id_is_not_its_documents_hash_is_refused()
    {
        // given
        var edited = TrustedDocumentManifest.Write(new Dictionary<string, string> { [Hash("{ me { id } }")] = "{ me { id phone } }" });

        // when / then
        Assert.Throws<InvalidDataException>(() => TrustedDocumentManifest.Read(edited));
    }

    private static string Hash(string text) => "sha256:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    private static void Write(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(false));
    }

    /// <summary>The command as the CLI runs it (its output is not the point here).</summary>
    private static Task<int> CliAsync(params string[] args)
    {
        Assert.True(Cli.IsCommand(args));
        return Task.FromResult(TrustedDocumentsCommand.Run(CliOptions.Parse(args[1..]), TextWriter.Null));
    }
}
