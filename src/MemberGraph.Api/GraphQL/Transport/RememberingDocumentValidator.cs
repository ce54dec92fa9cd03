using System.Runtime.CompilerServices;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace MemberGraph.GraphQL.Transport;

/// <summary>
/// GraphQL.NET's validator, remembering one result: when <see cref="DocumentCache"/> has already seen a cached
/// document's operation pass for this kind of caller it asks for no rules at all, and for an operation without
/// variables what is left — argument and directive values read from the document's literals — is the same on every
/// request, so it is kept with the operation (and dies with the cached document). The remembered values are shared
/// by every request that reuses them: resolvers only read arguments (GetArgument builds objects of its own).
/// </summary>
public sealed class RememberingDocumentValidator : IDocumentValidator
{
    private readonly DocumentValidator _inner = new();
    private readonly ConditionalWeakTable<GraphQLOperationDefinition, IValidationResult> _remembered = [];

    public Task<IValidationResult> ValidateAsync(in ValidationOptions options)
    {
        var constant = options.Rules is ICollection<IValidationRule> { Count: 0 }
                       && options.Variables is null or { Count: 0 }
                       && options.Operation.Variables is null or { Items.Count: 0 };
        if (!constant)
        {
            return _inner.ValidateAsync(options);
        }

        return _remembered.TryGetValue(options.Operation, out var known) ? Task.FromResult(known) : RememberAsync(options.Operation, _inner.ValidateAsync(options));
    }

    private async Task<IValidationResult> RememberAsync(GraphQLOperationDefinition operation, Task<IValidationResult> validation)
    {
        var result = await validation;
        if (result.IsValid)
        {
            _remembered.AddOrUpdate(operation, result);
        }

        return result;
    }
}
