namespace Conclave.Contracts.Errors;

public static partial class ErrorCodes
{
    /// <summary>
    /// Conditional access: the refusals of an access that a policy does not grant (sign-in, chat, the admin API, and
    /// later labelled content), and the administration of named locations, policies and device compliance.
    /// </summary>
    public static class Access
    {
        public const string Blocked = "access.blocked";
        public const string MfaRequired = "access.mfa_required";
        public const string DeviceNotCompliant = "access.device_not_compliant";
        public const string LocationNotTrusted = "access.location_not_trusted";
        public const string InvalidName = "access.invalid_name";
        public const string InvalidIpRange = "access.invalid_ip_range";
        public const string TooManyRanges = "access.too_many_ranges";
        public const string InvalidValue = "access.invalid_value";
        public const string UnknownLocation = "access.unknown_location";
        public const string UnknownUser = "access.unknown_user";
        public const string UnknownGroup = "access.unknown_group";
        public const string NotFound = "access.not_found";
        public const string Exists = "access.exists";
        public const string LocationInUse = "access.location_in_use";
        public const string DeviceNotFound = "access.device_not_found";
        public const string SelfLockout = "access.self_lockout";

        public static IReadOnlyList<ErrorCodeInfo> Catalog { get; } =
        [
            new(Blocked, "403: a conditional access policy blocks this access (the detail names the policies); nothing was done."),
            new(MfaRequired, "403: a conditional access policy requires multifactor authentication and this sign-in did not perform it; sign in again with the second factor (an account without an authenticator must enrol one first)."),
            new(DeviceNotCompliant, "403: a conditional access policy requires a compliant device and this device (sign-in session) is not marked compliant by an administrator or a device-compliance app."),
            new(LocationNotTrusted, "403: this access is only allowed from a trusted named location and the client's address is in none."),
            new(InvalidName, "400: the name of the named location or policy is empty, longer than 128 characters or holds control characters."),
            new(InvalidIpRange, "400: an IP range is not a CIDR range (IPv4 a.b.c.d/8-32 or IPv6 x::/8-128, no host bits set, no zone)."),
            new(TooManyRanges, "400: a named location needs at least one IP range and at most 2,000."),
            new(InvalidValue, "400: a parameter's value is not one it takes (State, Applications, GrantControls, IncludeUsers, IncludeLocations, a boolean), or a list is too long."),
            new(UnknownLocation, "400: no named location has this name."),
            new(UnknownUser, "400: no user has this UPN or id."),
            new(UnknownGroup, "400: no group has this name or id."),
            new(NotFound, "404: no named location or conditional access policy has this name."),
            new(Exists, "409: a named location or conditional access policy with this name exists already (names are compared without case)."),
            new(LocationInUse, "409: a conditional access policy names this location; change or remove the policy first."),
            new(DeviceNotFound, "404: no live sign-in session (device) has this id."),
            new(SelfLockout, "409: with this change an enabled policy would refuse the administrator making it the admin API from this sign-in; nothing was stored (exclude yourself, or make the policy ReportOnly first)."),
        ];
    }
}
