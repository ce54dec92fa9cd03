using MemberGraph.Tencent.WeCom;

namespace MemberGraph.Core.Tests.Tencent;

/// <summary>The change_external_contact event read from a callback's fields, and its replay key.</summary>
public sealed class WeComContactEventTests
{
    private static Dictionary<string, string> Fields(params (string Name, string Value)[] changes)
    {
        var fields = new Dictionary<string, string>
        {
            ["Event"] = "change_external_contact",
            ["ChangeType"] = "add_external_contact",
            ["UserID"] = "zhangsan",
            ["ExternalUserID"] = "woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA",
            ["CreateTime"] = "1409659813",
            ["State"] = "GSH00101",
        };
        foreach (var (name, value) in changes)
        {
            fields[name] = value;
        }

        return fields;
    }

    [Fact]
    public void An_add_contact_event_is_read_with_its_state()
    {
        Assert.Equal(
            new WeComContactEvent("add_external_contact", 1409659813, "zhangsan", "woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA", "GSH00101", null, null),
            WeComContactEvent.From(Fields()));
    }

    [Fact]
    public void Empty_optional_fields_are_absent()
    {
        var read = WeComContactEvent.From(Fields(("State", ""), ("FailReason", ""), ("Source", "DELETE_BY_TRANSFER")))!;

        Assert.Null(read.State);
        Assert.Null(read.FailReason);
        Assert.Equal(WeComContactEvent.DeleteByTransfer, read.Source);
    }

    [Theory]
    [InlineData("Event", "change_external_chat")]   // another event
    [InlineData("ChangeType", "")]
    [InlineData("UserID", "")]
    [InlineData("ExternalUserID", "")]
    [InlineData("CreateTime", "yesterday")]
    public void An_event_missing_what_we_act_on_is_not_a_contact_event(string field, string value)
    {
        Assert.Null(WeComContactEvent.From(Fields((field, value))));
    }

    [Fact]
    public void The_replay_key_is_the_sha256_of_time_change_user_and_contact()
    {
        // sha256 of "1409659813\nadd_external_contact\nzhangsan\nwoAJ2GCAAAXtWyujaWJHDDGi0mACAAAA", by sha256sum
        var contactEvent = WeComContactEvent.From(Fields())!;

        Assert.Equal("c3ec704e1209ec2177c23292dbbb0930071562f8ebede723c10676ad515b173b", contactEvent.IdempotencyKey());
        Assert.Equal(contactEvent.IdempotencyKey(), (contactEvent with { State = "OTHER" }).IdempotencyKey()); // the state is not part of it
    }
}
