using Conclave.Protocols.Dtls;

namespace Conclave.Protocols.Tests.Dtls;

/// <summary>RFC 5763 §5 and RFC 8842 §5: the side that is <c>active</c> is the DTLS client.</summary>
public sealed class DtlsSetupRolesTests
{
    [Theory]
    [InlineData(DtlsSetup.Active, DtlsSetup.ActPass, DtlsRole.Client)]
    [InlineData(DtlsSetup.Active, DtlsSetup.Passive, DtlsRole.Client)]
    [InlineData(DtlsSetup.Passive, DtlsSetup.ActPass, DtlsRole.Server)]
    [InlineData(DtlsSetup.Passive, DtlsSetup.Active, DtlsRole.Server)]
    [InlineData(DtlsSetup.ActPass, DtlsSetup.Active, DtlsRole.Server)]
    [InlineData(DtlsSetup.ActPass, DtlsSetup.Passive, DtlsRole.Client)]
    public void TryResolveLocalRole_ValidPairs(DtlsSetup local, DtlsSetup remote, DtlsRole expected)
    {
        Assert.True(DtlsSetupRoles.TryResolveLocalRole(local, remote, out DtlsRole role));
        Assert.Equal(expected, role);
    }

    [Theory]
    [InlineData(DtlsSetup.Active, DtlsSetup.Active)]
    [InlineData(DtlsSetup.Passive, DtlsSetup.Passive)]
    [InlineData(DtlsSetup.ActPass, DtlsSetup.ActPass)]
    [InlineData(DtlsSetup.HoldConn, DtlsSetup.Active)]
    public void TryResolveLocalRole_InvalidPairs_ReturnFalse(DtlsSetup local, DtlsSetup remote)
    {
        Assert.False(DtlsSetupRoles.TryResolveLocalRole(local, remote, out _));
    }

    [Fact]
    public void AnswerTo_ActPass_IsActive()
    {
        Assert.Equal(DtlsSetup.Active, DtlsSetupRoles.AnswerTo(DtlsSetup.ActPass));
        Assert.Equal(DtlsSetup.Passive, DtlsSetupRoles.AnswerTo(DtlsSetup.Active));
        Assert.Equal(DtlsSetup.Active, DtlsSetupRoles.AnswerTo(DtlsSetup.Passive));
    }

    [Theory]
    [InlineData("actpass", DtlsSetup.ActPass)]
    [InlineData("ACTIVE", DtlsSetup.Active)]
    [InlineData("passive", DtlsSetup.Passive)]
    [InlineData("holdconn", DtlsSetup.HoldConn)]
    public void TryParse_AndBack(string text, DtlsSetup expected)
    {
        Assert.True(DtlsSetupRoles.TryParse(text, out DtlsSetup setup));
        Assert.Equal(expected, setup);
        Assert.Equal(text.ToLowerInvariant(), DtlsSetupRoles.ToSdpValue(setup));
        Assert.False(DtlsSetupRoles.TryParse("actpas", out _));
    }
}
