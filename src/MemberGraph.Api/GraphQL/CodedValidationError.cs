using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace MemberGraph.GraphQL;

/// <summary>A validation error with our own <c>extensions.code</c> (GraphQL.NET would say VALIDATION_ERROR).</summary>
public sealed class CodedValidationError : ValidationError
{
    public CodedValidationError(ValidationContext context, string code, string message, ASTNode node)
        : this(context.Document.Source, code, message, node)
    {
    }

    public CodedValidationError(ROM source, string code, string message, ASTNode node)
        : base(source, code, message, node) => Code = code;
}
