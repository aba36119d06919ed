namespace Conclave.Contracts.Errors;

public static partial class ErrorCodes
{
    /// <summary>Teams, their members and channels (/api/teams).</summary>
    public static class Team
    {
        public const string NotFound = "team.not_found";
        public const string NotMember = "team.not_member";
        public const string NotOwner = "team.not_owner";
        public const string InvalidName = "team.invalid_name";
        public const string InvalidDescription = "team.invalid_description";
        public const string InvalidVisibility = "team.invalid_visibility";
        public const string InvalidRole = "team.invalid_role";
        public const string UnknownUser = "team.unknown_user";
        public const string UserNotAllowed = "team.user_not_allowed";
        public const string GuestsNotAllowed = "team.guests_not_allowed";
        public const string AlreadyMember = "team.already_member";
        public const string MemberNotFound = "team.member_not_found";
        public const string LastOwner = "team.last_owner";
        public const string Archived = "team.archived";
        public const string CannotChange = "team.cannot_change";
        public const string ChannelNotFound = "team.channel_not_found";
        public const string InvalidChannelKind = "team.invalid_channel_kind";
        public const string ChannelNameTaken = "team.channel_name_taken";
        public const string GeneralChannelFixed = "team.general_channel_fixed";
        public const string ChannelCreationOff = "team.channel_creation_off";
        public const string NotPrivateChannel = "team.not_private_channel";
        public const string NotChannelMember = "team.not_channel_member";
        public const string NotChannelOwner = "team.not_channel_owner";

        public static IReadOnlyList<ErrorCodeInfo> Catalog { get; } =
        [
            new(NotFound, "404: there is no such team (or it is private and the caller is not in it)."),
            new(NotMember, "403: the caller is not a member of this team; nothing was read or stored."),
            new(NotOwner, "403: only the team's owners (or a Teams or Global administrator) may do this."),
            new(InvalidName, "400: the name is empty, too long (a team's 256, a channel's 50 characters), or holds characters a name may not."),
            new(InvalidDescription, "400: the description is longer than 1,024 characters or holds control characters."),
            new(InvalidVisibility, "400: the visibility is not Private or Public."),
            new(InvalidRole, "400: the role is not Owner, Member or Guest (Guest is for guest accounts only, and a guest cannot be an owner)."),
            new(UnknownUser, "400: no user has this UPN."),
            new(UserNotAllowed, "403: this user cannot be in a team (a disabled account, or a kind of user without teams)."),
            new(GuestsNotAllowed, "403: the tenant does not allow guest access (TeamsClientConfiguration AllowGuestUser)."),
            new(AlreadyMember, "409: the user is a member already."),
            new(MemberNotFound, "404: the user is not a member of this team or channel."),
            new(LastOwner, "409: a team (or private channel) keeps at least one owner: the last owner cannot be removed or demoted."),
            new(Archived, "409: the team is archived and read-only."),
            new(CannotChange, "403: an administrator acts on nobody with more privilege than their own."),
            new(ChannelNotFound, "404: the team has no such channel."),
            new(InvalidChannelKind, "400: the channel kind is not Standard or Private."),
            new(ChannelNameTaken, "409: the team has a channel of this name already."),
            new(GeneralChannelFixed, "400: the General channel cannot be renamed or deleted."),
            new(ChannelCreationOff, "403: the team's owners have turned off channel creation by members."),
            new(NotPrivateChannel, "400: a standard channel's members are the team's: change the team's members instead."),
            new(NotChannelMember, "403: the caller is not a member of this private channel."),
            new(NotChannelOwner, "403: only the private channel's owners (or the team's) may change its members."),
        ];
    }
}
