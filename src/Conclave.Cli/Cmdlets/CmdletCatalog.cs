using System.Diagnostics.CodeAnalysis;

namespace Conclave.Cli.Cmdlets;

/// <summary>Every cmdlet in this assembly, found by reflection so that adding one is adding one file.</summary>
internal static class CmdletCatalog
{
    private static readonly Lazy<IReadOnlyList<Cmdlet>> Cmdlets = new(Discover);

    public static IReadOnlyList<Cmdlet> All => Cmdlets.Value;

    public static Cmdlet? Find(string name) =>
        All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Cmdlets are concrete types of this assembly, which is not trimmed.")]
    private static List<Cmdlet> Discover()
    {
        var cmdlets = typeof(Cmdlet).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Cmdlet)) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (Cmdlet)Activator.CreateInstance(t)!)
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var duplicate = cmdlets.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Two cmdlets are named {duplicate.Key}.");
        return cmdlets;
    }
}
