using Conclave.Cli.Commands;
using Conclave.Contracts.Calls;

namespace Conclave.Cli.Tests.Calls;

public sealed class CallReportTests
{
    [Fact]
    public void E2eeReasons_AreJoinedWithoutADoubledFullStop()
    {
        var output = new StringWriter();
        var e2ee = new E2eeInfo(false, false,
        [
            new E2eeReasonInfo("PolicyDisabled", "Caller", "The caller's policy does not allow end-to-end encrypted calls."),
            new E2eeReasonInfo("UserSettingOff", "Callee", "The callee turned end-to-end encrypted calls off."),
        ], "Standard call.");

        CallReport.PrintE2ee(output, e2ee);

        Assert.Equal(
            "E2EE: no (PolicyDisabled: The caller's policy does not allow end-to-end encrypted calls; UserSettingOff: The callee turned end-to-end encrypted calls off)",
            output.ToString().TrimEnd());
        Assert.DoesNotContain(".;", output.ToString(), StringComparison.Ordinal);
    }
}
