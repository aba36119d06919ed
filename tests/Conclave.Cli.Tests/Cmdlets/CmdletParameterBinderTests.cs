using Conclave.Cli.Cmdlets;
using CsCheck;

namespace Conclave.Cli.Tests.Cmdlets;

public sealed class CmdletParameterBinderTests
{
    private static readonly IReadOnlyList<CmdletParameter> Table =
    [
        CmdletParameter.String("Identity", "who", position: 0),
        CmdletParameter.String("DisplayName", "name"),
        CmdletParameter.String("Description", "text"),
        CmdletParameter.Boolean("Enabled", "on or off"),
        CmdletParameter.Switch("Force", "no questions"),
        CmdletParameter.Enum("Kind", ["Member", "Guest"], "kind"),
        CmdletParameter.StringArray("Roles", "roles"),
        CmdletParameter.Int32("ResultSize", "size", 1, 5000),
        CmdletParameter.DateTime("StartDate", "from"),
    ];

    private static readonly IReadOnlyList<CmdletParameter> MandatoryTable =
    [
        CmdletParameter.String("UserPrincipalName", "upn", mandatory: true),
        CmdletParameter.String("DisplayName", "name", mandatory: true),
    ];

    private static CmdletArguments Bind(params string[] tokens) => CmdletParameterBinder.Bind(Table, tokens);

    private static string Refusal(params string[] tokens) =>
        Assert.Throws<ParameterBindingException>(() => Bind(tokens)).Message;

    [Fact]
    public void Names_MatchInAnyCase()
    {
        Gen.Bool.Array[11].Sample(upper =>
        {
            var name = string.Concat("DisplayName".Select((c, i) => upper[i] ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)));
            Assert.Equal("x", Bind("-" + name, "x").GetString("DisplayName"));
        });
    }

    [Fact]
    public void UnambiguousPrefix_Binds_AmbiguousPrefix_ListsTheCandidates()
    {
        Assert.Equal("x", Bind("-Disp", "x").GetString("DisplayName"));

        var message = Refusal("-D", "x");

        Assert.Contains("'D' is ambiguous", message, StringComparison.Ordinal);
        Assert.Contains("-DisplayName", message, StringComparison.Ordinal);
        Assert.Contains("-Description", message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownParameter_IsNamed() =>
        Assert.Equal("A parameter cannot be found that matches parameter name 'Colour'.", Refusal("-Colour", "red"));

    [Theory]
    [InlineData("$true", true)]
    [InlineData("$False", false)]
    [InlineData("True", true)]
    [InlineData("false", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    public void Boolean_AcceptsPowerShellLiterals(string text, bool expected)
    {
        Assert.Equal(expected, Bind("-Enabled", text).GetBoolean("Enabled"));
        Assert.Equal(expected, Bind("-Enabled:" + text).GetBoolean("Enabled"));
    }

    [Fact]
    public void Boolean_OtherText_IsRefusedNamingTheParameter()
    {
        var message = Refusal("-Enabled", "yes");

        Assert.Contains("parameter 'Enabled'", message, StringComparison.Ordinal);
        Assert.Contains("\"yes\"", message, StringComparison.Ordinal);
        Assert.Contains("System.Boolean", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Switch_AloneIsTrue_AndTakesAnExplicitValueAfterAColon()
    {
        Assert.True(Bind("-Force").GetSwitch("Force"));
        Assert.False(Bind("-Force:$false").GetSwitch("Force"));
        Assert.False(Bind().GetSwitch("Force"));
        // A switch never swallows the next token.
        Assert.Equal("bob", Bind("-Force", "bob").GetString("Identity"));
    }

    [Fact]
    public void Null_BindsAnExplicitNull()
    {
        var arguments = Bind("-DisplayName", "$null");

        Assert.True(arguments.IsBound("DisplayName"));
        Assert.Null(arguments.GetString("DisplayName"));
    }

    [Fact]
    public void Enum_IsCanonicalised_AndABadValueListsTheSet()
    {
        Assert.Equal("Guest", Bind("-Kind", "gUEST").GetString("Kind"));

        var message = Refusal("-Kind", "Robot");

        Assert.Contains("parameter 'Kind'", message, StringComparison.Ordinal);
        Assert.Contains("\"Member,Guest\"", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Positional_BindsToThePositionedParameter_AndASecondIsRefused()
    {
        Assert.Equal("alice@x", Bind("alice@x", "-Enabled", "$false").GetString("Identity"));

        Assert.Contains("positional parameter cannot be found that accepts argument 'extra'", Refusal("alice@x", "extra"), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingMandatory_ListsEveryMissingName()
    {
        var message = Assert.Throws<ParameterBindingException>(() => CmdletParameterBinder.Bind(MandatoryTable, [])).Message;

        Assert.Equal("Cannot process command because of one or more missing mandatory parameters: UserPrincipalName DisplayName.", message);
    }

    [Fact]
    public void Mandatory_GivenNull_IsRefused() =>
        Assert.Contains(
            "parameter 'DisplayName' because it is null",
            Assert.Throws<ParameterBindingException>(() => CmdletParameterBinder.Bind(MandatoryTable, ["-UserPrincipalName", "a@x", "-DisplayName", "$null"])).Message,
            StringComparison.Ordinal);

    [Fact]
    public void MissingValue_SaysInWordsWhatTheParameterTakes()
    {
        Assert.Equal(
            "Missing a value for parameter 'DisplayName': give a text value after -DisplayName (in quotes if it has spaces).",
            Refusal("-DisplayName"));
        Assert.Contains("parameter 'DisplayName'", Refusal("-DisplayName", "-Enabled", "1"), StringComparison.Ordinal);
        Assert.EndsWith("give $true or $false.", Refusal("-Enabled"), StringComparison.Ordinal);
        Assert.EndsWith("give one of Member, Guest.", Refusal("-Kind"), StringComparison.Ordinal);
        Assert.EndsWith("give a whole number from 1 to 5000.", Refusal("-ResultSize"), StringComparison.Ordinal);
        Assert.Contains("yesterday", Refusal("-StartDate"), StringComparison.Ordinal);
        foreach (var name in new[] { "-DisplayName", "-Enabled", "-Kind", "-Roles", "-ResultSize", "-StartDate" })
            Assert.DoesNotContain("System.", Refusal(name), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yesterday", "2026-12-06T00:00:00Z")]
    [InlineData("Today", "2026-12-07T00:00:00Z")]
    [InlineData("now", "2026-12-07T15:30:00Z")]
    [InlineData("-7d", "2026-11-30T15:30:00Z")]
    [InlineData("-12h", "2026-12-07T03:30:00Z")]
    [InlineData("-30m", "2026-12-07T15:00:00Z")]
    [InlineData("-2w", "2026-11-23T15:30:00Z")]
    [InlineData("2026-12-01", "2026-12-01T00:00:00Z")]
    public void DateTime_AcceptsRelativeDates_CountedFromTheClock(string text, string expected)
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 15, 30, 0, TimeSpan.Zero));

        var bound = CmdletParameterBinder.Bind(Table, ["-StartDate", text], clock).GetDateTime("StartDate");

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), bound);
    }

    [Fact]
    public void DateTime_Unreadable_SaysWhichFormsWork_WithoutDotNetTypeNames()
    {
        var message = Refusal("-StartDate", "yesterday-ish");

        Assert.Contains("\"yesterday-ish\"", message, StringComparison.Ordinal);
        Assert.Contains("parameter 'StartDate'", message, StringComparison.Ordinal);
        Assert.Contains("-7d", message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.DateTime", message, StringComparison.Ordinal);
        Assert.Contains("StartDate", Refusal("-StartDate", "-99999999d"), StringComparison.Ordinal);
    }

    [Fact]
    public void SameParameterTwice_IsRefused() =>
        Assert.Contains("'DisplayName' is specified more than once", Refusal("-DisplayName", "a", "-displayname", "b"), StringComparison.Ordinal);

    [Fact]
    public void StringArray_CommaSeparated_EvenWhenTheShellSplitAfterTheComma()
    {
        Assert.Equal(["a", "b", "c"], Bind("-Roles", "a,b,c").GetStrings("Roles"));
        Assert.Equal(["a", "b"], Bind("-Roles", "a,", "b", "-Enabled", "1").GetStrings("Roles"));
    }

    [Fact]
    public void Int32_OutsideItsRange_IsRefusedNamingTheRange()
    {
        Assert.Equal(50, Bind("-ResultSize", "50").GetInt32("ResultSize"));
        Assert.Contains("outside the range 1..5000", Refusal("-ResultSize", "0"), StringComparison.Ordinal);
        Assert.Contains("System.Int32", Refusal("-ResultSize", "many"), StringComparison.Ordinal);
    }

    [Fact]
    public void DateTime_WithoutOffset_IsUtc()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), Bind("-StartDate", "2026-11-23T10:00:00").GetDateTime("StartDate"));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(2)), Bind("-StartDate", "2026-11-23T10:00:00+02:00").GetDateTime("StartDate"));
    }

    [Fact]
    public void JsonBody_HasOnlyTheGivenParameters_CamelCased_WithExplicitNulls()
    {
        var body = Bind("alice@x", "-Enabled:$false", "-Description", "$null", "-Roles", "a,b", "-ResultSize", "7", "-StartDate", "2026-11-23T10:00:00Z")
            .ToJsonBody("Identity");

        var expected = System.Text.Json.Nodes.JsonNode.Parse(
            """{"enabled":false,"description":null,"roles":["a","b"],"resultSize":7,"startDate":"2026-11-23T10:00:00.0000000+00:00"}""");
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(expected, body), body.ToJsonString());
    }

    [Fact]
    public void AnyTokens_EitherBindOrAreRefusedWithABindingError()
    {
        var token = Gen.OneOf(
            Gen.Const("-Identity"), Gen.Const("-Enabled"), Gen.Const("-Force"), Gen.Const("-Kind"), Gen.Const("-Roles"), Gen.Const("-D"),
            Gen.Const("$null"), Gen.Const("$true"), Gen.Const("Guest"), Gen.Const("a,"), Gen.Const("-x:1"), Gen.String[0, 6]);
        token.Array[0, 8].Sample(tokens =>
        {
            try
            {
                Bind(tokens);
            }
            catch (ParameterBindingException)
            {
            }
        });
    }
}
