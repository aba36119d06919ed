using System.Net;
using System.Net.Http.Json;
using Conclave.Contracts.Api;

namespace Conclave.Server.Tests.Dlp;

/// <summary>A compliance administrator's calls to /api/admin/dlp, for set-up; each policy made is removed by <see cref="DisposeAsync"/>.</summary>
public sealed class DlpAdmin(HttpClient http) : IAsyncDisposable
{
    private readonly List<string> _policies = [];

    public HttpClient Http { get; } = http;

    public static async Task<DlpAdmin> SignInAsync(TestHost server) => new(server.CreateClient(await server.SignInAdminAsync()));

    /// <summary>A policy of one rule; the rule is named after the policy with " rule".</summary>
    public async Task<string> PolicyAsync(string mode, NewDlpRuleRequest rule)
    {
        var name = TestHost.UniqueName("policy");
        using (var created = await Http.PostAsJsonAsync("/api/admin/dlp/policies", new NewDlpPolicyRequest(name, mode)))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        _policies.Add(name);
        using var ruled = await Http.PostAsJsonAsync("/api/admin/dlp/rules", rule with { Name = name + " rule", Policy = name });
        Assert.True(ruled.StatusCode == HttpStatusCode.Created, await ruled.Content.ReadAsStringAsync());
        return name;
    }

    public static NewDlpRuleRequest Rule(string type, bool block = false, bool allowOverride = false, bool notify = false, string? scope = null) =>
        new(null, null, [new SensitiveInformationCondition(type)], scope, block, notify ? ["LastModifier"] : null,
            allowOverride ? "WithJustification" : null);

    public async ValueTask DisposeAsync()
    {
        foreach (var policy in _policies)
        {
            using var removed = await Http.DeleteAsync($"/api/admin/dlp/policies/{Uri.EscapeDataString(policy)}");
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        Http.Dispose();
    }
}
