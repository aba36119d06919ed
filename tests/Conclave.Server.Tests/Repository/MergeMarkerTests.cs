using System.Text.RegularExpressions;

namespace Conclave.Server.Tests.Repository;

/// <summary>
/// No file of the checkout holds a merge left half done. A conflict marker in C# breaks the build, but
/// in documentation, scripts, pages and project files it can ship unnoticed.
/// </summary>
public sealed partial class MergeMarkerTests
{
    private static readonly string[] Folders = ["src", "docs", "scripts", "tests", "bench", "fuzz", "web", ".ci"];

    private static readonly HashSet<string> Skipped = ["bin", "obj", "node_modules", "dist", "screenshots"];

    private static readonly HashSet<string> TextExtensions =
        [".cs", ".md", ".sh", ".js", ".mjs", ".ts", ".tsx", ".css", ".html", ".json", ".csproj", ".props", ".targets", ".yml", ".yaml", ".sql", ""];

    [Fact]
    public void NoTextFile_HoldsAConflictMarker()
    {
        var files = Folders
            .Select(f => Path.Combine(RepositoryFolder.Root, f))
            .Where(System.IO.Directory.Exists)
            .SelectMany(TextFilesUnder)
            .Concat(System.IO.Directory.EnumerateFiles(RepositoryFolder.Root).Where(IsText))
            .ToList();

        var marked = files.Where(f => HasMarker(File.ReadLines(f))).Select(f => Path.GetRelativePath(RepositoryFolder.Root, f)).ToList();

        Assert.NotEmpty(files);
        Assert.Empty(marked);
    }

    [Fact]
    public void Scan_FindsTheMarkersOfAConflict_NotAHeadingUnderline()
    {
        Assert.True(HasMarker(["intro", "<<<<<<< HEAD", "ours", "=======", "theirs", ">>>>>>> h10/contracts"]));
        Assert.True(HasMarker([">>>>>>> theirs"]));
        Assert.False(HasMarker(["Heading", "=======", "text with <<<<<<< inside"]));
    }

    internal static bool HasMarker(IEnumerable<string> lines) => lines.Any(l => Marker().IsMatch(l));

    private static IEnumerable<string> TextFilesUnder(string folder)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(folder).Where(IsText))
        {
            yield return file;
        }

        foreach (var child in System.IO.Directory.EnumerateDirectories(folder).Where(d => !Skipped.Contains(Path.GetFileName(d))))
        {
            foreach (var file in TextFilesUnder(child))
            {
                yield return file;
            }
        }
    }

    private static bool IsText(string file) => TextExtensions.Contains(Path.GetExtension(file));

    /// <summary>The opening and closing lines of a conflict (git's default style); "=======" alone is also a Markdown heading underline.</summary>
    [GeneratedRegex("^(<{7}|>{7})( |$)")]
    private static partial Regex Marker();
}
