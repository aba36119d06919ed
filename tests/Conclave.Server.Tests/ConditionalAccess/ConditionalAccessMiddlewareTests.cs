using Conclave.Contracts.Chat;
using Conclave.Domain.ConditionalAccess;
using Conclave.Server.Chat;
using Conclave.Server.ConditionalAccess;
using Conclave.Server.Teams;
using Microsoft.AspNetCore.Http;

namespace Conclave.Server.Tests.ConditionalAccess;

/// <summary>Which application a request path is for conditional access: the chat features' own paths, and the admin API.</summary>
public sealed class ConditionalAccessMiddlewareTests
{
    [Theory]
    [InlineData(ChatEndpoints.Path, AccessApplications.Chat)]
    [InlineData(ChatEndpoints.Path + "/abc/messages", AccessApplications.Chat)]
    [InlineData(TeamEndpoints.Path, AccessApplications.Chat)]
    [InlineData(ChatHubNames.Path + "/negotiate", AccessApplications.Chat)]
    [InlineData("/api/admin/users", AccessApplications.AdminApi)]
    [InlineData("/api/admin/conditional-access/policies", AccessApplications.AdminApi)]
    [InlineData("/api/me", AccessApplications.None)]
    [InlineData("/api/chatsx", AccessApplications.None)]
    [InlineData("/connect/token", AccessApplications.None)]
    public void ApplicationOf_Path(string path, AccessApplications expected) =>
        Assert.Equal(expected, ConditionalAccessMiddleware.ApplicationOf(new PathString(path)));
}
