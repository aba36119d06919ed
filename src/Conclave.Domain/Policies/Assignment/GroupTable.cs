namespace Conclave.Domain.Policies.Assignment;

/// <summary>
/// Gives each group a dense number the first time the directory sees it, so memberships and rank
/// tables are plain arrays. Numbers are never reused; written only under the directory's lock.
/// </summary>
internal sealed class GroupTable
{
    private readonly Dictionary<Guid, int> _numbers = [];
    private readonly List<Guid> _ids = [];
    private readonly List<string> _names = [];

    public int Count => _ids.Count;

    public int NumberOf(Guid group)
    {
        if (!_numbers.TryGetValue(group, out var n))
        {
            n = _ids.Count;
            _numbers.Add(group, n);
            _ids.Add(group);
            _names.Add(group.ToString());
        }

        return n;
    }

    public bool TryGetNumber(Guid group, out int number) => _numbers.TryGetValue(group, out number);

    public Guid IdOf(int number) => _ids[number];

    public string NameOf(Guid group) => _numbers.TryGetValue(group, out var n) ? _names[n] : group.ToString();

    public void SetName(Guid group, string name) => _names[NumberOf(group)] = name;
}
