using Conclave.Client.Api;
using Conclave.Contracts.Api;

namespace Conclave.Cli.Cmdlets.Groups;

internal sealed class NewCsGroup : Cmdlet
{
    public override string Name => "New-CsGroup";

    public override string Synopsis => "Creates a group, the unit policies are assigned to by rank (POST /api/admin/groups).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("DisplayName", "The group's name.", mandatory: true),
        CmdletParameter.String("MailNickname", "A short alias for the group."),
    ];

    public override IReadOnlyList<string> TableColumns => ["name", "mailNickname", "members", "id"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken) =>
        new(await api.CreateGroupAsync(new CreateGroup(arguments.RequireString("DisplayName"), arguments.GetString("MailNickname")), cancellationToken));
}
