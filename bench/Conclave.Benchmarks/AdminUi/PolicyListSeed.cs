using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conclave.Domain.Policies.Schema;

namespace Conclave.Benchmarks.AdminUi;

/// <summary>
/// Fills the server through the admin API, as an administrator's scripts would, a few requests at a time
/// (<see cref="PolicyListOptions.SeedParallelism"/>): users, groups holding every user, policies of every
/// grantable type (half of them of <see cref="ListedType"/>, the type the policy screen opens with), a direct
/// grant to every user, a second type's grant to every other user, and group assignments with ranks.
/// </summary>
internal sealed class PolicyListSeed(HttpClient admin, PolicyListOptions options)
{
    public const string UserPassword = "bench-user-password-12345";

    /// <summary>The type the policy screen shows first (its select's first entry): the list that is timed.</summary>
    public static PolicyType ListedType { get; } = PolicyTypes.All[0];

    /// <summary>The policy identities of each type, as the server named them (Tag:Name).</summary>
    private readonly Dictionary<PolicyType, List<string>> _policies = [];

    public static string Upn(int i) => string.Create(CultureInfo.InvariantCulture, $"u{i:D4}@{AdminBenchServer.Domain}");

    public static string Group(int g) => string.Create(CultureInfo.InvariantCulture, $"Bench group {g:D2}");

    public async Task<SeedSummary> RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var requests = 0;
        requests += await EachAsync(options.Users, i => PostAsync("/api/admin/users", new { upn = Upn(i), displayName = $"Bench User {i}", password = UserPassword }, cancellationToken), cancellationToken);
        requests += await EachAsync(options.Groups, g => PostAsync("/api/admin/groups", new { name = Group(g) }, cancellationToken), cancellationToken);
        requests += await EachAsync(options.Users, i => PostAsync($"/api/admin/groups/{Uri.EscapeDataString(Group(i % options.Groups))}/members", new { user = Upn(i) }, cancellationToken), cancellationToken);

        var shares = Shares();
        foreach (var (type, count) in shares)
        {
            var names = new string[count];
            requests += await EachAsync(count, n => NewPolicyAsync(type, n, names, cancellationToken), cancellationToken);
            _policies[type] = [.. names];
        }

        var second = shares[1].Type;
        requests += await EachAsync(options.Users, i => GrantAsync(ListedType, new { user = Upn(i), policyName = Pick(ListedType, i) }, cancellationToken), cancellationToken);
        requests += await EachAsync((options.Users + 1) / 2, i => GrantAsync(second, new { user = Upn(2 * i), policyName = Pick(second, i) }, cancellationToken), cancellationToken);

        // Ranks are positions in one ordered list per type: assigned one after another, 1 first.
        for (var g = 0; g < options.Groups; g++)
        {
            await GrantAsync(ListedType, new { group = Group(g), policyName = Pick(ListedType, g), rank = g + 1 }, cancellationToken);
            await GrantAsync(second, new { group = Group(g), policyName = Pick(second, g), rank = g + 1 }, cancellationToken);
            requests += 2;
        }

        var listed = await admin.GetFromJsonAsync<JsonElement[]>($"/api/admin/policies/{ListedType.Name}", cancellationToken)
            ?? throw new InvalidOperationException("The policy list came back empty.");
        return new SeedSummary(
            options.Users, options.Groups, ListedType.Name, listed.Length,
            shares.ToDictionary(s => s.Type.Name, s => s.Count), options.Users + (options.Users + 1) / 2, 2 * options.Groups,
            requests, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Half of the policies of the listed type, the rest spread over the other grantable types.</summary>
    private List<(PolicyType Type, int Count)> Shares()
    {
        var others = PolicyTypes.All.Where(t => t.IsGrantable && t != ListedType).ToList();
        var listed = options.Policies / 2;
        var rest = options.Policies - listed;
        return [(ListedType, listed), .. others.Select((t, k) => (t, rest / others.Count + (k < rest % others.Count ? 1 : 0)))];
    }

    private string Pick(PolicyType type, int i) => _policies[type][i % _policies[type].Count];

    /// <summary>A policy with a description and every Boolean parameter set, alternating, so the policies differ.</summary>
    private async Task NewPolicyAsync(PolicyType type, int n, string[] names, CancellationToken cancellationToken)
    {
        var parameters = new JsonObject();
        foreach (var parameter in type.Parameters)
        {
            if (parameter.Kind == ParameterKind.Boolean)
            {
                parameters[parameter.Name] = (n + parameter.Index) % 2 == 0;
            }
            else if (parameter.Kind == ParameterKind.Text)
            {
                parameters[parameter.Name] = $"Benchmark policy {n} of {type.Name}";
            }
        }

        var identity = string.Create(CultureInfo.InvariantCulture, $"Bench{n:D3}");
        var created = await PostAsync($"/api/admin/policies/{type.Name}", new { identity, parameters }, cancellationToken);
        names[n] = created.GetProperty("identity").GetString()!;
    }

    private Task<JsonElement> GrantAsync(PolicyType type, object body, CancellationToken cancellationToken) =>
        PostAsync($"/api/admin/policies/{type.Name}/grants", body, cancellationToken);

    private async Task<JsonElement> PostAsync(string path, object body, CancellationToken cancellationToken)
    {
        using var response = await admin.PostAsJsonAsync(path, body, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    /// <summary>Runs <paramref name="step"/> for 0..count-1, <see cref="PolicyListOptions.SeedParallelism"/> at a time; the number of requests.</summary>
    private static async Task<int> EachAsync(int count, Func<int, Task> step, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = PolicyListOptions.SeedParallelism, CancellationToken = cancellationToken },
            async (i, _) => await step(i));
        return count;
    }
}

/// <summary>What was seeded: the listed type with its rows (Global included), and the totals.</summary>
internal sealed record SeedSummary(
    int Users, int Groups, string ListedType, int ListedRows, IReadOnlyDictionary<string, int> PoliciesByType,
    int UserGrants, int GroupAssignments, int Requests, TimeSpan Elapsed);
