using System.Security.Claims;
using Conclave.Domain.Directory;
using Conclave.Server.Http;

namespace Conclave.Server.Tests.Auth;

public sealed class CallerIdentityTests
{
    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), authenticationType: "test"));

    [Fact]
    public void AppToken_NamedLikeAUser_IsTheApp_WithNoUpn()
    {
        var caller = CallerIdentity.Of(Principal(("sub", "app-1f"), ("name", "admin@conclave.test"), (ConclaveClaims.Kind, "App")));

        Assert.NotNull(caller);
        Assert.Equal(CallerKind.App, caller.Kind);
        Assert.False(caller.IsUser);
        Assert.Null(caller.Upn);
        Assert.Equal("app:app-1f", caller.Display);
    }

    [Fact]
    public void AppToken_CarryingAUpnClaim_StillHasNoUpn()
    {
        var caller = CallerIdentity.Of(Principal(("sub", "app-1f"), (ConclaveClaims.Upn, "admin@conclave.test"), (ConclaveClaims.Kind, "App")));

        Assert.Equal(CallerKind.App, caller!.Kind);
        Assert.Null(caller.Upn);
    }

    [Fact]
    public void UserToken_IsTheUser_ByUpnClaim_NotByName()
    {
        var caller = CallerIdentity.Of(Principal(("sub", "u-1"), ("name", "someone@else.test"), (ConclaveClaims.Upn, "alice@conclave.test"), (ConclaveClaims.Kind, "Guest")));

        Assert.Equal(new CallerIdentity("u-1", CallerKind.User, "alice@conclave.test", UserKind.Guest), caller);
        Assert.Equal("alice@conclave.test", caller!.Display);
    }

    [Theory]
    [InlineData("", "Member", "alice@conclave.test")]
    [InlineData("u-1", "", "alice@conclave.test")]
    [InlineData("u-1", "Robot", "alice@conclave.test")]
    [InlineData("u-1", "0", "alice@conclave.test")]
    [InlineData("u-1", "Member", "")]
    public void TokenLackingWhatEveryTokenCarries_IsNobody(string subject, string kind, string upn)
    {
        var claims = new List<(string, string)>();
        foreach (var (type, value) in new[] { ("sub", subject), (ConclaveClaims.Kind, kind), (ConclaveClaims.Upn, upn), ("name", "admin@conclave.test") })
        {
            if (value.Length > 0)
            {
                claims.Add((type, value));
            }
        }

        Assert.Null(CallerIdentity.Of(Principal([.. claims])));
    }

    [Fact]
    public void Anonymous_IsNobody() =>
        Assert.Null(CallerIdentity.Of(new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "u-1"), new Claim(ConclaveClaims.Kind, "Member"), new Claim(ConclaveClaims.Upn, "a@b.c")]))));
}
