namespace Conclave.Server.Tests.Calls;

/// <summary>One call server for the call test classes of this project (see <see cref="CallServerFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class CallCollection : ICollectionFixture<CallServerFixture>
{
    public const string Name = "conclave calls";
}
