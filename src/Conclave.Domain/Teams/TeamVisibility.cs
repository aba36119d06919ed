using Conclave.Contracts.Api;
using Conclave.Domain.Common;

namespace Conclave.Domain.Teams;

/// <summary>Who may find a team (<see cref="TeamVisibilityNames"/> on the wire).</summary>
public enum TeamVisibility
{
    Private,
    Public,
}

/// <summary>The kinds of channel (<see cref="ChannelKindNames"/> on the wire).</summary>
public enum ChannelKind
{
    Standard,
    Private,
}

/// <summary>Parsing visibilities and channel kinds from their wire names (exactly; null asks for the default).</summary>
public static class TeamNamesOf
{
    public static Result<TeamVisibility> Visibility(string? name) => name switch
    {
        null or TeamVisibilityNames.Private => TeamVisibility.Private,
        TeamVisibilityNames.Public => TeamVisibility.Public,
        _ => TeamErrors.InvalidVisibility(),
    };

    public static string NameOf(TeamVisibility visibility) =>
        visibility == TeamVisibility.Public ? TeamVisibilityNames.Public : TeamVisibilityNames.Private;

    public static Result<ChannelKind> ChannelKind(string? name) => name switch
    {
        null or ChannelKindNames.Standard => Teams.ChannelKind.Standard,
        ChannelKindNames.Private => Teams.ChannelKind.Private,
        _ => TeamErrors.InvalidChannelKind(),
    };

    public static string NameOf(ChannelKind kind) => kind == Teams.ChannelKind.Private ? ChannelKindNames.Private : ChannelKindNames.Standard;
}
