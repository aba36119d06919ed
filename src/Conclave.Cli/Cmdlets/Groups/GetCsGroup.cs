using Conclave.Client.Api;

namespace Conclave.Cli.Cmdlets.Groups;

internal sealed class GetCsGroup : Cmdlet
{
    public override string Name => "Get-CsGroup";

    public override string Synopsis => "Lists the tenant's groups with their members (GET /api/admin/groups).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } = [];

    public override IReadOnlyList<string> TableColumns => ["name", "mailNickname", "members", "id"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken) =>
        new(await api.ListGroupsAsync(cancellationToken));
}
