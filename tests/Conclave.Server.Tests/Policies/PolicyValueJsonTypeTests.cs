using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Conclave.Server.Tests.Fixtures;

namespace Conclave.Server.Tests.Policies;

/// <summary>
/// Each policy parameter takes only the JSON its kind declares (docs/api.md, Policies): enums and text as
/// strings, Booleans as true/false (or the strings "True"/"False"), lists as arrays of strings (or one
/// comma-separated string), null to clear text and lists. An object, an array or a number where it does not
/// belong is refused with <c>policy.invalid_value</c> naming the parameter, and nothing is stored.
/// </summary>
public sealed class PolicyValueJsonTypeTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("TeamsEnhancedEncryptionPolicy", "CallingEndtoEndEncryptionEnabledType", """["Required"]""")]
    [InlineData("TeamsEnhancedEncryptionPolicy", "CallingEndtoEndEncryptionEnabledType", """{"value":"Required"}""")]
    [InlineData("TeamsEnhancedEncryptionPolicy", "Description", """{"text":"hello"}""")]
    [InlineData("TeamsEnhancedEncryptionPolicy", "Description", """["a","b"]""")]
    [InlineData("TeamsEnhancedEncryptionPolicy", "Description", "42")]
    [InlineData("TeamsEnhancedEncryptionPolicy", "Description", "true")]
    [InlineData("TeamsMeetingPolicy", "AllowMeetNow", "[true]")]
    [InlineData("TeamsMeetingPolicy", "AllowMeetNow", "1")]
    [InlineData("TeamsMeetingPolicy", "AllowMeetNow", """{"on":true}""")]
    [InlineData("TeamsMeetingPolicy", "AutoAdmittedUsers", """["OrganizerOnly"]""")]
    [InlineData("TeamsComplianceRecordingPolicy", "ComplianceRecordingApplications", """[{"id":"recorder"}]""")]
    [InlineData("TeamsComplianceRecordingPolicy", "ComplianceRecordingApplications", """{"id":"recorder"}""")]
    [InlineData("TeamsComplianceRecordingPolicy", "ComplianceRecordingApplications", "[1,2]")]
    [InlineData("TeamsComplianceRecordingPolicy", "ComplianceRecordingApplications", "7")]
    [InlineData("ExternalAccessPolicy", "BlockedExternalDomains", """[["evil.example"]]""")]
    [InlineData("ExternalAccessPolicy", "BlockedExternalDomains", """{"evil.example":true}""")]
    public async Task New_ValueOfAnotherJsonType_IsRefusedAsInvalidValue_NamingTheParameter_AndNothingIsCreated(string type, string parameter, string json)
    {
        using var client = server.CreateClient(await server.SignInAdminAsync());
        var name = ServerFixture.UniqueName("Typed");

        using var refused = await SendAsync(client, HttpMethod.Post, $"/api/admin/policies/{type}", $$$"""{"identity":"Tag:{{{name}}}","parameters":{"{{{parameter}}}":{{{json}}}}}""");

        await AssertInvalidValueAsync(refused, parameter);
        using var absent = await client.GetAsync($"/api/admin/policies/{type}/Tag:{name}");
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
    }

    [Theory]
    [InlineData("AllowedDomains", """{"AllowAllKnownDomains":true}""")]
    [InlineData("AllowedDomains", "true")]
    [InlineData("AllowedDomains", """[{"domain":"partner.example"}]""")]
    [InlineData("AllowFederatedUsers", """["False"]""")]
    [InlineData("BlockedDomains", "0")]
    public async Task Set_ValueOfAnotherJsonType_IsRefusedAsInvalidValue_AndTheSettingStays(string parameter, string json)
    {
        using var client = server.CreateClient(await server.SignInAdminAsync());
        const string Federation = "/api/admin/policies/TenantFederationConfiguration/Global";
        var before = (await client.GetFromJsonAsync<JsonElement>(Federation)).GetRawText();

        using var refused = await SendAsync(client, HttpMethod.Patch, Federation, $$$"""{"parameters":{"{{{parameter}}}":{{{json}}}}}""");

        await AssertInvalidValueAsync(refused, parameter);
        Assert.Equal(before, (await client.GetFromJsonAsync<JsonElement>(Federation)).GetRawText());
    }

    [Fact]
    public async Task New_ValuesInTheirDeclaredJsonTypes_AreStored_AsTheCliAndTheDocsSendThem()
    {
        using var client = server.CreateClient(await server.SignInAdminAsync());
        var meeting = ServerFixture.UniqueName("Meeting");
        var recording = ServerFixture.UniqueName("Recording");
        var external = ServerFixture.UniqueName("External");

        var meetingView = await CreatedAsync(client, "TeamsMeetingPolicy", $$$"""
            {"identity":"Tag:{{{meeting}}}","parameters":{"AllowMeetNow":false,"AllowCloudRecording":"False","AllowTranscription":"True",
             "AutoAdmittedUsers":"OrganizerOnly","Description":"Board meetings"}}
            """);
        var recordingView = await CreatedAsync(client, "TeamsComplianceRecordingPolicy", $$$"""
            {"identity":"Tag:{{{recording}}}","parameters":{"Enabled":true,"ComplianceRecordingApplications":["rec-1","rec-2"],"Description":null}}
            """);
        var externalView = await CreatedAsync(client, "ExternalAccessPolicy", $$$"""
            {"identity":"Tag:{{{external}}}","parameters":{"BlockedExternalDomains":"a.example,b.example","AllowedExternalDomains":["c.example"]}}
            """);

        Assert.False(meetingView.GetProperty("AllowMeetNow").GetBoolean());
        Assert.False(meetingView.GetProperty("AllowCloudRecording").GetBoolean());
        Assert.True(meetingView.GetProperty("AllowTranscription").GetBoolean());
        Assert.Equal("OrganizerOnly", meetingView.GetProperty("AutoAdmittedUsers").GetString());
        Assert.Equal("Board meetings", meetingView.GetProperty("Description").GetString());
        Assert.True(recordingView.GetProperty("Enabled").GetBoolean());
        Assert.Equal(["rec-1", "rec-2"], recordingView.GetProperty("ComplianceRecordingApplications").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(string.Empty, recordingView.GetProperty("Description").GetString());
        Assert.Equal(["a.example", "b.example"], externalView.GetProperty("BlockedExternalDomains").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["c.example"], externalView.GetProperty("AllowedExternalDomains").EnumerateArray().Select(e => e.GetString()));

        // The list kind that also takes a keyword: the CLI sends -AllowedDomains AllowAllKnownDomains as a one-item array.
        const string Federation = "/api/admin/policies/TenantFederationConfiguration/Global";
        using var keyword = await SendAsync(client, HttpMethod.Patch, Federation, """{"parameters":{"AllowedDomains":["AllowAllKnownDomains"]}}""");
        Assert.Equal(HttpStatusCode.OK, keyword.StatusCode);
        using var asString = await SendAsync(client, HttpMethod.Patch, Federation, """{"parameters":{"AllowedDomains":"AllowAllKnownDomains"}}""");
        Assert.Equal(HttpStatusCode.OK, asString.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> CreatedAsync(HttpClient client, string type, string json)
    {
        using var created = await SendAsync(client, HttpMethod.Post, $"/api/admin/policies/{type}", json);
        var text = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"{(int)created.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("parameters").Clone();
    }

    private static async Task AssertInvalidValueAsync(HttpResponseMessage response, string parameter)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal("policy.invalid_value", problem.GetProperty("code").GetString());
        Assert.Contains($"'{parameter}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
