using Conclave.Contracts.Errors;
using Conclave.Domain.Common;

namespace Conclave.Domain.Teams;

/// <summary>The refusals of teams and channels, with the status each maps to (ErrorCodes.Team's catalog).</summary>
public static class TeamErrors
{
    public static Error NotFound() => new(ErrorCodes.Team.NotFound, "There is no such team.", ErrorKind.NotFound);

    public static Error NotMember() => new(ErrorCodes.Team.NotMember, "You are not a member of this team.", ErrorKind.Forbidden);

    public static Error NotOwner() =>
        new(ErrorCodes.Team.NotOwner, "Only the team's owners (or a Teams or Global administrator) may do this.", ErrorKind.Forbidden);

    public static Error InvalidName(string why) => new(ErrorCodes.Team.InvalidName, why);

    public static Error InvalidDescription(string why) => new(ErrorCodes.Team.InvalidDescription, why);

    public static Error InvalidVisibility() => new(ErrorCodes.Team.InvalidVisibility, "A team's visibility is Private or Public.");

    public static Error InvalidRole(string why) => new(ErrorCodes.Team.InvalidRole, why);

    public static Error UnknownUser(string upn) => new(ErrorCodes.Team.UnknownUser, $"No user has the UPN '{upn}'.");

    public static Error UserNotAllowed(string upn) =>
        new(ErrorCodes.Team.UserNotAllowed, $"{upn} cannot be in a team (a disabled account, or a kind of user without teams).", ErrorKind.Forbidden);

    public static Error GuestsNotAllowed() =>
        new(ErrorCodes.Team.GuestsNotAllowed, "The tenant does not allow guest access (TeamsClientConfiguration AllowGuestUser).", ErrorKind.Forbidden);

    public static Error AlreadyMember(string upn) => new(ErrorCodes.Team.AlreadyMember, $"{upn} is a member already.", ErrorKind.Conflict);

    public static Error MemberNotFound(string user) => new(ErrorCodes.Team.MemberNotFound, $"'{user}' is not a member here.", ErrorKind.NotFound);

    public static Error LastOwner() =>
        new(ErrorCodes.Team.LastOwner, "The last owner cannot be removed or demoted: make someone else an owner first.", ErrorKind.Conflict);

    public static Error Archived() => new(ErrorCodes.Team.Archived, "The team is archived and read-only.", ErrorKind.Conflict);

    public static Error CannotChange(string upn) =>
        new(ErrorCodes.Team.CannotChange, $"{upn} holds administrator roles you do not hold.", ErrorKind.Forbidden);

    public static Error ChannelNotFound() => new(ErrorCodes.Team.ChannelNotFound, "The team has no such channel.", ErrorKind.NotFound);

    public static Error InvalidChannelKind() => new(ErrorCodes.Team.InvalidChannelKind, "A channel's kind is Standard or Private.");

    public static Error ChannelNameTaken(string name) =>
        new(ErrorCodes.Team.ChannelNameTaken, $"The team has a channel named '{name}' already.", ErrorKind.Conflict);

    public static Error GeneralChannelFixed() => new(ErrorCodes.Team.GeneralChannelFixed, "The General channel cannot be renamed or deleted.");

    public static Error ChannelCreationOff() =>
        new(ErrorCodes.Team.ChannelCreationOff, "The team's owners have turned off channel creation by members.", ErrorKind.Forbidden);

    public static Error NotPrivateChannel() =>
        new(ErrorCodes.Team.NotPrivateChannel, "A standard channel's members are the team's: change the team's members instead.");

    public static Error NotChannelMember() =>
        new(ErrorCodes.Team.NotChannelMember, "You are not a member of this private channel.", ErrorKind.Forbidden);

    public static Error NotChannelOwner() =>
        new(ErrorCodes.Team.NotChannelOwner, "Only the private channel's owners (or the team's) may change its members.", ErrorKind.Forbidden);
}
