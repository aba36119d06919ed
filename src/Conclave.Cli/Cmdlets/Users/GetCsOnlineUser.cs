using Conclave.Client.Api;

namespace Conclave.Cli.Cmdlets.Users;

/// <summary>The name Teams administrators type for <see cref="GetCsUser"/>; it answers exactly as that does.</summary>
internal sealed class GetCsOnlineUser : Cmdlet
{
    private readonly GetCsUser _same = new();

    public override string Name => "Get-CsOnlineUser";

    public override string Synopsis => _same.Synopsis + " Same as Get-CsUser.";

    public override IReadOnlyList<CmdletParameter> Parameters => _same.Parameters;

    public override IReadOnlyList<string>? TableColumns => _same.TableColumns;

    public override Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken) =>
        _same.InvokeAsync(arguments, api, cancellationToken);
}
