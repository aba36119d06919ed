using System.Text.Json;
using Conclave.Client.Api;
using Conclave.Contracts.Api;
using Conclave.Domain.Directory;

namespace Conclave.Client.Tests.Api;

/// <summary>The client reads the server's answers through the contract types without losing a field.</summary>
public sealed class ContractShapeTests
{
    [Fact]
    public void AdminRoleNames_AreTheServersRoles() =>
        Assert.Equal(Enum.GetNames<AdminRole>(), AdminRoleNames.All);

    [Fact]
    public void UserKindNames_AreTheServersKinds() =>
        Assert.Equal(Enum.GetNames<UserKind>(), UserKindNames.All);

    [Fact]
    public void UnknownFields_AreKept_AndWrittenBack()
    {
        const string answer = """{"clientId":"c1","displayName":"Reporter","roles":[],"enabled":true,"createdAt":"2027-01-15T08:00:00+00:00","owner":"bob@x"}""";

        var app = JsonSerializer.Deserialize<AppView>(answer, ConclaveJson.Options)!;
        var written = JsonSerializer.SerializeToElement(app, ConclaveJson.Options);

        Assert.Equal("Reporter", app.DisplayName);
        Assert.Equal("bob@x", app.Extra!["owner"].GetString());
        Assert.Equal("bob@x", written.GetProperty("owner").GetString());
    }

    [Fact]
    public void CallHistoryPage_ReadsWhatTheServerWrites()
    {
        var entry = new CallHistoryEntry(Guid.NewGuid(), "Incoming", "alice@x", DateTimeOffset.UnixEpoch, null,
            DateTimeOffset.UnixEpoch.AddMinutes(1), "Cancelled", "E2ee", Missed: true);
        var sent = JsonSerializer.Serialize(new CallHistoryPage([entry], entry.CallId), JsonSerializerOptions.Web);

        var page = JsonSerializer.Deserialize<CallHistoryPage>(sent, ConclaveJson.Options)!;

        Assert.Equal(entry, Assert.Single(page.Calls));
        Assert.Equal(entry.CallId, page.NextBefore);
        Assert.Null(page.Extra);
    }
}
