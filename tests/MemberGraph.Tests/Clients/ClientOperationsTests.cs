using GraphQL;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using MemberGraph.GraphQL;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Clients;

/// <summary>
/// Every document a front end sends is a file, <c>clients/&lt;app&gt;/operations/*.graphql</c>, and every one of them is
/// valid against the schema the gateway serves (GraphQL.NET's own validator and rules): a schema change that breaks a
/// client fails here, naming the client's file. Whichever clients exist are checked; a new client only adds files.
/// </summary>
public sealed class ClientOperationsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly string ClientsDir = Path.Combine(RepositoryRoot.Path, "clients");

    /// <summary>The operation files of every client, as paths relative to the repository root.</summary>
    public static TheoryData<string> OperationFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Files())
        {
            data.Add(Path.GetRelativePath(RepositoryRoot.Path, file).Replace('\\', '/'));
        }

        return data;
    }

    [Fact]
    public void The_clients_operation_folders_are_found()
    {
        // the mini-program's documents at least: an empty list would make every check below pass vacuously
        Assert.Contains(Files(), f => f.Replace('\\', '/').Contains("/clients/miniprogram/operations/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(OperationFiles))]
    public async Task Each_operation_document_is_valid_against_the_schema(string file)
    {
        // given
        var text = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, file));
        GraphQLDocument document;
        try
        {
            document = Parser.Parse(text);
        }
        catch (GraphQLSyntaxErrorException e)
        {
            throw new Xunit.Sdk.XunitException($"{file}: does not parse: {e.Message}");
        }

        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        Assert.True(operations.Count > 0, $"{file}: holds no operation");
        var schema = fixture.Gateway.Service<MemberGraphSchema>();
        schema.Initialize();

        foreach (var operation in operations)
        {
            // when
            Assert.True(operation.Name is not null, $"{file}: every operation is named (the trusted-documents manifest and the clients send it by name)");
            var result = await new DocumentValidator().ValidateAsync(new ValidationOptions
            {
                Schema = schema,
                Document = document,
                Operation = operation,
                Rules = DocumentValidator.CoreRules,
                Variables = Inputs.Empty,
                Extensions = Inputs.Empty,
                UserContext = new Dictionary<string, object?>(),
                RequestServices = fixture.Gateway.Services,
                Metrics = global::GraphQL.Instrumentation.Metrics.None,
            });

            // then: the rules' errors. The validator also reads the request's variable values; a document on its own has none,
            // so "no value provided for a non-null variable" (InvalidVariableError) says nothing about the document.
            var errors = result.Errors.Where(e => e is not InvalidVariableError).ToList();
            Assert.True(errors.Count == 0, $"{file}: operation {operation.Name!.StringValue} is not valid against the schema:\n" +
                                           string.Join("\n", errors.Select(e => $"  {e.Code}: {e.Message}")));
        }
    }

    [Fact]
    public void Operation_names_are_unique_within_each_client()
    {
        foreach (var client in Files().GroupBy(f => Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(f)))!))
        {
            var names = client.SelectMany(f => Parser.Parse(File.ReadAllText(f)).Definitions.OfType<GraphQLOperationDefinition>()
                .Select(o => (Name: o.Name?.StringValue ?? "", File: Path.GetFileName(f)))).ToList();
            var twice = names.GroupBy(n => n.Name).Where(g => g.Count() > 1).Select(g => $"{g.Key} ({string.Join(", ", g.Select(n => n.File))})").ToList();
            Assert.True(twice.Count == 0, $"clients/{client.Key}: operation names used twice: {string.Join("; ", twice)}");
        }
    }

    private static List<string> Files() =>
        Directory.Exists(ClientsDir)
            ? Directory.GetDirectories(ClientsDir)
                .Select(client => Path.Combine(client, "operations"))
                .Where(Directory.Exists)
                .SelectMany(dir => Directory.GetFiles(dir, "*.graphql", SearchOption.AllDirectories))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
}
