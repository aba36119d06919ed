using Conclave.Client.Api;
using Conclave.Contracts.Api;

namespace Conclave.Cli.Cmdlets.ConditionalAccess;

internal sealed class GetCsDevice : Cmdlet
{
    public override string Name => "Get-CsDevice";

    public override string Synopsis => "Lists a user's devices (live sign-in sessions) and their compliance (GET /api/admin/devices?user=).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("User", "The user's UPN or id.", mandatory: true, position: 0),
    ];

    public override IReadOnlyList<string> TableColumns => ["id", "clientId", "startedAt", "isCompliant", "complianceSetBy"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken) =>
        new(await api.SendAsync<IReadOnlyList<DeviceView>>(HttpMethod.Get, "api/admin/devices?user=" + Uri.EscapeDataString(arguments.RequireString("User")), null, cancellationToken));
}

internal sealed class SetCsDeviceCompliance : Cmdlet
{
    public override string Name => "Set-CsDeviceCompliance";

    public override string Synopsis => "Marks a device compliant or not, for policies that require a compliant device (PUT /api/admin/devices/{id}/compliance).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Identity", "The device's id (Get-CsDevice).", mandatory: true, position: 0),
        CmdletParameter.Boolean("Compliant", "$true or $false."),
    ];

    public override IReadOnlyList<string> TableColumns => ["id", "isCompliant", "complianceSetBy", "complianceSetAt"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken) =>
        new(await api.SendAsync<DeviceComplianceView>(HttpMethod.Put, $"api/admin/devices/{Uri.EscapeDataString(arguments.RequireString("Identity"))}/compliance",
            new SetDeviceComplianceRequest(arguments.GetBoolean("Compliant")), cancellationToken));
}

internal sealed class TestCsConditionalAccess : Cmdlet
{
    public override string Name => "Test-CsConditionalAccess";

    public override string Synopsis =>
        "What If: which policies apply to an access, what each says and the decision (POST /api/admin/conditional-access/what-if).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("User", "The user's UPN or id.", mandatory: true, position: 0),
        CmdletParameter.String("Location", "The client's IP address (IPv4 or IPv6); without it the address is unknown."),
        CmdletParameter.String("Device", "One of the user's devices (Get-CsDevice); without it the device is not compliant."),
        CmdletParameter.Enum("Application", ["SignIn", "Chat", "AdminApi", "SecureLabels"], "What is accessed (default Chat)."),
        CmdletParameter.Switch("Mfa", "The sign-in performed multifactor authentication."),
    ];

    public override IReadOnlyList<string> TableColumns => ["user", "application", "decision", "code", "policies"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken) =>
        new(await ConditionalAccessApi.SendAsync<WhatIfResult>(api, HttpMethod.Post, "what-if",
            new WhatIfRequest(arguments.RequireString("User"), arguments.GetString("Location"), arguments.GetString("Device"), arguments.GetString("Application"),
                arguments.GetSwitch("Mfa")),
            cancellationToken));
}
