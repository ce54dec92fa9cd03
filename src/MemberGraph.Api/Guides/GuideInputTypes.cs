using GraphQL.Types;

namespace MemberGraph.Guides;

public sealed class BindGuideInputType : InputObjectGraphType<BindGuideInput>
{
    public BindGuideInputType()
    {
        Name = "BindGuideInput";
        Description = "Which guide to bind (by code from a share link / QR code, or by id) and how the member got there.";
        Field<StringGraphType>("guideCode").Description("The guide code from the share link or QR code.");
        Field<IdGraphType>("guideId").Description("The guide's id (instead of guideCode).");
        Field<IdGraphType>("memberId").Description("Staff and admins: the member to assign. Members bind themselves and leave it out.");
        Field<NonNullGraphType<RelationshipSourceType>>("source").Description("QR_SCAN or SHARE_LINK (members), STORE_ASSIGNMENT (staff always, admins).");
        Field<StringGraphType>("sourceDetail").Description("The share parameter or campaign, kept with the relationship (at most 64 characters).");
    }
}

public sealed class SignInWithWeComInputType : InputObjectGraphType<SignInWithWeComInput>
{
    public SignInWithWeComInputType()
    {
        Name = "SignInWithWeComInput";
        Description = "The code of the WeCom OAuth redirect that opened the sidebar page.";
        Field<NonNullGraphType<StringGraphType>>("code").Description("The OAuth code (single use, 5 minutes).");
    }
}

public sealed class CreateGuideContactWayInputType : InputObjectGraphType<GuideIdInput>
{
    public CreateGuideContactWayInputType()
    {
        Name = "CreateGuideContactWayInput";
        Description = "The guide who gets a WeCom contact QR code.";
        Field<NonNullGraphType<IdGraphType>>("guideId").Description("The guide.");
    }
}

public sealed class MarkGuideResignedInputType : InputObjectGraphType<GuideIdInput>
{
    public MarkGuideResignedInputType()
    {
        Name = "MarkGuideResignedInput";
        Description = "The guide who left the store.";
        Field<NonNullGraphType<IdGraphType>>("guideId").Description("The guide.");
    }
}

public sealed class TransferCustomersInputType : InputObjectGraphType<TransferCustomersInput>
{
    public const int MaxMemberIds = 100;

    public TransferCustomersInputType()
    {
        Name = "TransferCustomersInput";
        Description = "Customers to hand from one guide to another.";
        Field<NonNullGraphType<IdGraphType>>("fromGuideId").Description("The guide handing over (on-job transfer while active, resigned transfer after they left).");
        Field<NonNullGraphType<IdGraphType>>("toGuideId").Description("The active guide taking over.");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("memberIds").Description($"The customers to transfer (at most {MaxMemberIds}); all of the guide's customers when left out.");
        Field<NonNullGraphType<StringGraphType>>("reason").Description("Why (kept with each transfer and in the audit log).");
    }
}

public sealed class CompleteDueTransfersInputType : InputObjectGraphType<CompleteDueTransfersInput>
{
    public CompleteDueTransfersInputType()
    {
        Name = "CompleteDueTransfersInput";
        Description = "Options of one completion run.";
        Field<IntGraphType>("limit").Description("At most this many due transfers in this run (default and maximum 1000).");
    }
}
