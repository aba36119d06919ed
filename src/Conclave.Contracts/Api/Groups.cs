namespace Conclave.Contracts.Api;

// /api/admin/groups (docs/api.md).

/// <summary>POST /api/admin/groups.</summary>
public sealed record CreateGroup(string? Name, string? MailNickname);

/// <summary>POST /api/admin/groups/{idOrName}/members: <paramref name="User"/> is an id or a UPN.</summary>
public sealed record AddMember(string? User);

/// <summary>A group and its members' UPNs.</summary>
public sealed record GroupView(string Id, string Name, string MailNickname, IReadOnlyList<string> Members) : ApiView;
