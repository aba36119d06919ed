using System.Text.RegularExpressions;

namespace Conclave.Server.Tests.Modules;

/// <summary>
/// The server is a list of feature folders (one namespace each) over two shared ones. These tests read the
/// sources and hold the shape: the shared folders name no feature, the features depend on one another
/// without a cycle, and the composition root only lists features.
/// </summary>
public sealed partial class FeatureDependencyTests
{
    /// <summary>Shared by every feature; they may name each other (Http uses Hosting) but no feature.</summary>
    private static readonly string[] Shared = ["Hosting", "Http"];

    /// <summary>
    /// The one data model: its context lists every feature's tables, as the composition root lists every
    /// feature's module, so what it names is composition and is not counted as a dependency.
    /// </summary>
    private const string DataModel = "Storage";

    private static readonly string ServerSource = Path.Combine(RepositoryFolder.Root, "src", "Conclave.Server");

    [Fact]
    public void SharedFolders_NameNoFeature()
    {
        var graph = DependencyGraph();
        foreach (var shared in Shared)
        {
            var features = graph[shared].Except(Shared).ToList();
            Assert.True(features.Count == 0, $"{shared} depends on {string.Join(", ", features)}; shared pieces must not know the features.");
        }
    }

    [Fact]
    public void FeatureFolders_HaveNoDependencyCycle()
    {
        var graph = DependencyGraph();
        graph[DataModel] = [.. graph[DataModel].Intersect(Shared)];
        var cycle = FindCycle(graph);
        Assert.True(cycle is null, $"feature folders depend on each other in a cycle: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void FindCycle_ReportsACycle()
    {
        // The check itself can fail: a two-folder loop is found and named.
        var graph = new Dictionary<string, HashSet<string>> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = [] };
        Assert.Equal(["A", "B", "C", "A"], FindCycle(graph));
    }

    [Fact]
    public void CompositionRoot_RegistersFeatures_NotTheirParts()
    {
        var root = File.ReadAllText(Path.Combine(ServerSource, "ConclaveServer.cs"));
        var registrations = ServiceRegistration().Matches(root).Select(m => m.Value).ToList();
        Assert.True(registrations.Count == 0, $"the composition root registers parts of features itself: {string.Join(", ", registrations)}");
    }

    /// <summary>Folder → the other folders its sources name (by using directive, namespace or qualified name).</summary>
    private static Dictionary<string, HashSet<string>> DependencyGraph()
    {
        var folders = System.IO.Directory.GetDirectories(ServerSource)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name is not ("bin" or "obj" or "wwwroot" or "Properties"))
            .ToList();
        Assert.Contains(DataModel, folders);
        Assert.All(Shared, shared => Assert.Contains(shared, folders));
        var graph = folders.ToDictionary(f => f, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(Path.Combine(ServerSource, folder), "*.cs", SearchOption.AllDirectories))
            {
                if (file.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                {
                    continue;
                }

                var text = File.ReadAllText(file);
                foreach (var other in folders.Where(o => o != folder))
                {
                    if (Regex.IsMatch(text, $@"\bConclave\.Server\.{other}\b") || Regex.IsMatch(text, $@"(?<![\w.]){other}\.[A-Z]\w*"))
                    {
                        graph[folder].Add(other);
                    }
                }
            }
        }

        return graph;
    }

    /// <summary>A cycle as the path that closes it (first node repeated at the end), or null.</summary>
    private static List<string>? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var start in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(start) is { } cycle)
            {
                return cycle;
            }
        }

        return null;

        List<string>? Visit(string node)
        {
            var at = path.IndexOf(node);
            if (at >= 0)
            {
                return [.. path.Skip(at), node];
            }

            if (!done.Add(node))
            {
                return null;
            }

            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node, []).Order(StringComparer.Ordinal))
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            return null;
        }
    }

    /// <summary>A service registered by hand: <c>services.AddSingleton&lt;…&gt;</c>, <c>AddScoped</c>, <c>AddHostedService</c>, …</summary>
    [GeneratedRegex(@"\.(AddSingleton|AddScoped|AddTransient|AddHostedService|AddIdentity|AddOpenIddict|AddAuthorization|AddProblemDetails|AddHsts)\b")]
    private static partial Regex ServiceRegistration();
}
