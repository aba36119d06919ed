using System.Text;
using Conclave.Domain.Chat;
using Conclave.Domain.Common;
using Conclave.Domain.Directory;
using CsCheck;

namespace Conclave.Domain.Tests.Chat;

public sealed class ChatTextTests
{
    [Theory]
    [InlineData("hello")]
    [InlineData("line one\nline two\r\n\tindented")]
    [InlineData("**bold** and `code`")]
    [InlineData("emoji \U0001F600 paired")]
    public void Check_OrdinaryText_IsAccepted(string text) => Assert.Null(ChatText.Check(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t\r\n")]
    [InlineData("bell \u0007")]
    [InlineData("nul \0 inside")]
    [InlineData("escape \u001b[31m")]
    [InlineData("delete \u007f")]
    [InlineData("c1 \u0085 next line")]
    public void Check_BadText_IsInvalidText(string? text) => Assert.Equal("chat.invalid_text", ChatText.Check(text)?.Code);

    // Not as InlineData: attribute strings are stored as UTF-8, which turns a lone surrogate into U+FFFD.
    [Fact]
    public void Check_UnpairedSurrogates_AreInvalidText()
    {
        foreach (var text in new[] { "lone high \ud83d", "\ude00 lone low", "reversed \ude00\ud83d", "high at the end \ud83d" })
        {
            Assert.Equal("chat.invalid_text", ChatText.Check(text)?.Code);
        }
    }

    [Fact]
    public void Check_AtTheLimit_IsAccepted() => Assert.Null(ChatText.Check(new string('a', ChatText.MaxLength)));

    [Fact]
    public void Check_OverTheLimit_IsTooLong_413()
    {
        var error = ChatText.Check(new string('a', ChatText.MaxLength + 1));
        Assert.Equal(("chat.text_too_long", ErrorKind.TooLarge), (error?.Code, error?.Kind));
    }

    [Fact]
    public void Check_AnyUtf16_AnswersAcceptedOrInvalidText_NeverThrows() =>
        Gen.Char.Array[0, 64].Sample(chars =>
        {
            var text = new string(chars);
            var error = ChatText.Check(text);
            // An unpaired surrogate does not survive a UTF-8 round trip (it becomes U+FFFD).
            var unpaired = text != Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));
            var hasForbidden = unpaired || text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
            Assert.Equal(hasForbidden || string.IsNullOrWhiteSpace(text) ? "chat.invalid_text" : null, error?.Code);
        });
}

public sealed class ChatTopicTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Normalize_Blank_ClearsTheTopic(string? topic) => Assert.Null(ChatTopic.Normalize(topic).Value);

    [Fact]
    public void Normalize_Trims() => Assert.Equal("Launch plan", ChatTopic.Normalize("  Launch plan ").Value);

    [Fact]
    public void Normalize_AtTheLimit_IsAccepted() => Assert.Equal(256, ChatTopic.Normalize(new string('t', 256)).Value!.Length);

    [Theory]
    [InlineData(257, "")]
    [InlineData(5, "\n")]
    [InlineData(5, "\t")]
    [InlineData(5, "\u0000")]
    public void Normalize_TooLongOrControl_IsInvalidTopic(int length, string extra) =>
        Assert.Equal("chat.invalid_topic", ChatTopic.Normalize(new string('t', length) + extra + "x").Error?.Code);
}

public sealed class ChatReactionsTests
{
    [Theory]
    [InlineData("like")]
    [InlineData("heart")]
    [InlineData("laugh")]
    [InlineData("surprised")]
    [InlineData("sad")]
    [InlineData("angry")]
    public void Parse_TheSix_AreKnown(string name) => Assert.Equal(name, ChatReactions.Parse(name).Value);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Like")]
    [InlineData("thumbsup")]
    [InlineData("like ")]
    public void Parse_Other_IsUnknownReaction_ListingTheKnownOnes(string? name)
    {
        var error = ChatReactions.Parse(name).Error;
        Assert.Equal("chat.unknown_reaction", error?.Code);
        Assert.All(ChatReactions.All, r => Assert.Contains(r, error!.Message, StringComparison.Ordinal));
    }
}

public sealed class ChatMembersTests
{
    [Theory]
    [InlineData(UserKind.Member, true, true)]
    [InlineData(UserKind.Guest, true, true)]
    [InlineData(UserKind.Member, false, false)]
    [InlineData(UserKind.Guest, false, false)]
    [InlineData(UserKind.Federated, true, false)]
    [InlineData(UserKind.Anonymous, true, false)]
    [InlineData(UserKind.Pstn, true, false)]
    public void MayChat_MembersAndGuestsWithAnEnabledAccount(UserKind kind, bool enabled, bool expected) =>
        Assert.Equal(expected, ChatMembers.MayChat(kind, enabled));

    [Theory]
    [InlineData(ChatKind.OneOnOne, 2, null)]
    [InlineData(ChatKind.OneOnOne, 1, "chat.invalid_members")]
    [InlineData(ChatKind.OneOnOne, 3, "chat.invalid_members")]
    [InlineData(ChatKind.Group, 1, "chat.invalid_members")]
    [InlineData(ChatKind.Group, 2, null)]
    [InlineData(ChatKind.Group, 250, null)]
    [InlineData(ChatKind.Group, 251, "chat.too_many_members")]
    public void CheckCount_FitsTheKind(ChatKind kind, int count, string? code) => Assert.Equal(code, ChatMembers.CheckCount(kind, count)?.Code);

    [Theory]
    [InlineData("OneOnOne", ChatKind.OneOnOne)]
    [InlineData("Group", ChatKind.Group)]
    public void Kinds_ParseTheirWireNames(string name, ChatKind kind)
    {
        Assert.Equal(kind, ChatKinds.Parse(name).Value);
        Assert.Equal(name, ChatKinds.NameOf(kind));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("group")]
    [InlineData("Channel")]
    [InlineData("0")]
    public void Kinds_Other_IsInvalidKind(string? name) => Assert.Equal("chat.invalid_kind", ChatKinds.Parse(name).Error?.Code);
}
