using System.Text.Json;
using System.Text.Json.Nodes;
using Conclave.Server.Tests.Fixtures;

namespace Conclave.Server.Tests.Contracts;

/// <summary>
/// web/openapi.json, which the web app's API types are generated from (web/src/api/schema.d.ts), is the document
/// the server serves at /openapi/v1.json, compared as JSON (formatting aside). When the API changes, refresh the
/// snapshot and the types with one command: <c>scripts/refresh-openapi.sh</c>.
/// </summary>
public sealed class OpenApiSnapshotTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    /// <summary>Set to 1 (scripts/refresh-openapi.sh does), the test writes the served document into the snapshot.</summary>
    private const string RefreshVariable = "CONCLAVE_REFRESH_OPENAPI";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public async Task ServedDocument_EqualsTheWebAppsSnapshot()
    {
        using var client = server.CreateClient(await server.SignInAdminAsync());
        var served = Comparable(JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!);
        var path = Path.Combine(RepositoryRoot(), "web", "openapi.json");
        if (Environment.GetEnvironmentVariable(RefreshVariable) == "1")
        {
            await File.WriteAllTextAsync(path, served.ToJsonString(Indented) + "\n");
        }

        var snapshot = Comparable(JsonNode.Parse(await File.ReadAllTextAsync(path))!);

        Assert.True(
            JsonNode.DeepEquals(served, snapshot),
            $"web/openapi.json is not the served document ({Differences(served, snapshot)}): run scripts/refresh-openapi.sh and commit web/openapi.json and web/src/api/schema.d.ts");
    }

    /// <summary>The document without what depends on where the server runs (its addresses).</summary>
    private static JsonNode Comparable(JsonNode document)
    {
        document.AsObject().Remove("servers");
        return document;
    }

    private static string Differences(JsonNode served, JsonNode snapshot)
    {
        static HashSet<string> Names(JsonNode document, params string[] path)
        {
            var node = path.Aggregate<string, JsonNode?>(document, (n, key) => n?[key]);
            return node is JsonObject o ? [.. o.Select(p => p.Key)] : [];
        }

        string[][] sections = [["paths"], ["components", "schemas"]];
        var parts = new List<string>();
        foreach (var section in sections)
        {
            var name = string.Join('.', section);
            var added = Names(served, section).Except(Names(snapshot, section)).ToList();
            var removed = Names(snapshot, section).Except(Names(served, section)).ToList();
            if (added.Count > 0)
            {
                parts.Add($"{name} only served: {string.Join(", ", added)}");
            }

            if (removed.Count > 0)
            {
                parts.Add($"{name} only in the snapshot: {string.Join(", ", removed)}");
            }
        }

        return parts.Count > 0 ? string.Join("; ", parts) : "an operation or schema changed";
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Conclave.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("repository root (Conclave.slnx) not found");
    }
}
