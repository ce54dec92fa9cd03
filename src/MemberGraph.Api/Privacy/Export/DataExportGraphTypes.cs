using GraphQL.Types;
using MemberGraph.Domain;
using MemberGraph.GraphQL;

namespace MemberGraph.Privacy.Export;

public sealed class DataExportType : ObjectGraphType<IssuedDataExport>
{
    public DataExportType()
    {
        Name = "DataExport";
        Description = "A copy of the member's personal information as one JSON file (PIPL), built at most once per business day " +
                      "(China time), and a short-lived link to download it.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global, opaque id of the copy; the same for every link of one day.")
            .Resolve(ctx => GlobalId.Encode("DataExport", ctx.Source.ExportId));
        Field<NonNullGraphType<StringGraphType>>("url")
            .Description("Where to download the file: a path on this gateway (/privacy/exports/{id}?expires=...&signature=...) to put " +
                         "after its address. It needs no token (send none) and works for this export alone until expiresAt; then " +
                         "call exportMyData again for a new link. Answers 403 for a changed link and 404 once expired or gone.")
            .Resolve(ctx => ctx.Source.Link.Url);
        Field<NonNullGraphType<DateTimeGraphType>>("expiresAt").Description("When the link stops working (UTC): minutes from now.")
            .Resolve(ctx => ctx.Source.Link.ExpiresAt);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt")
            .Description("When the file was built (UTC): the data as it stood then. A second call the same business day links to this same file.")
            .Resolve(ctx => ctx.Source.CreatedAt);
    }
}

public sealed record ExportMyDataPayload(IssuedDataExport? Export, IReadOnlyList<UserError> Errors) : IPayload
{
    public static ExportMyDataPayload From(Outcome<IssuedDataExport> outcome) => new(outcome.Value, outcome.Error is null ? [] : [outcome.Error]);
}

public sealed class ExportMyDataPayloadType : PayloadGraphType<ExportMyDataPayload>
{
    public ExportMyDataPayloadType()
    {
        Name = "ExportMyDataPayload";
        Description = "The member's data export and its download link, or why not.";
        Field<DataExportType>("export").Description("The export; null when refused.").Resolve(ctx => ctx.Source.Export);
    }
}
