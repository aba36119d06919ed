using Conclave.Contracts.Api;

namespace Conclave.Server.Directory;

/// <summary>The server's ways of building the API's views of its records (the views are in Conclave.Contracts, which holds no logic).</summary>
public static class UserViews
{
    extension(UserView)
    {
        /// <summary>A user as the API shows it; roles in ordinal order.</summary>
        public static UserView From(ConclaveUser user, IEnumerable<string> roles, string? oneTimePassword = null) =>
            new(user.Id, user.UserName ?? "", user.DisplayName, user.Kind.ToString(), user.Enabled, user.LicensedToScheduleMeetings,
                [.. roles.Order(StringComparer.Ordinal)], user.TwoFactorEnabled, oneTimePassword);
    }
}

/// <summary>Builds <see cref="AppView"/> from an app registration.</summary>
public static class AppViews
{
    extension(AppView)
    {
        public static AppView From(AppRegistration app) => new(app.ClientId, app.DisplayName, app.RoleNames(), app.Enabled, app.CreatedAt);
    }
}
