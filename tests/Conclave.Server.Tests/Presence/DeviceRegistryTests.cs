using Conclave.Server.Presence;

namespace Conclave.Server.Tests.Presence;

public sealed class DeviceRegistryTests
{
    [Fact]
    public void DevicesOf_ListsTheUsersOnlineDevices_ByDeviceId_AndIsOnlineFollowsTheLastOne()
    {
        var registry = new DeviceRegistry();
        IPresence presence = registry;
        registry.Register(Device("c1", "phone-1", "bob"));
        registry.Register(Device("c2", "laptop-1", "bob"));
        registry.Register(Device("c3", "laptop-2", "alice"));

        Assert.Equal(["laptop-1", "phone-1"], presence.DevicesOf("bob").Select(d => d.DeviceId));
        Assert.True(presence.IsOnline("bob"));
        Assert.Equal(3, presence.Count);

        registry.Remove("c1");
        Assert.True(presence.IsOnline("bob"));
        registry.Remove("c2");

        Assert.False(presence.IsOnline("bob"));
        Assert.Empty(presence.DevicesOf("bob"));
        Assert.True(presence.IsOnline("alice"));
        Assert.Null(registry.Remove("c2"));
    }

    [Fact]
    public void Changed_TellsEachDeviceComingAndGoing_WithTheUsersOnlineCount()
    {
        var registry = new DeviceRegistry();
        var changes = new List<(string Device, bool Online, int Count)>();
        ((IPresence)registry).Changed += (_, e) => changes.Add((e.Device.DeviceId, e.DeviceOnline, e.OnlineDevices));

        registry.Register(Device("c1", "phone-1", "bob"));
        registry.Register(Device("c2", "laptop-1", "bob"));
        registry.Remove("c1");
        registry.Remove("c2");
        registry.Remove("c2");

        Assert.Equal([("phone-1", true, 1), ("laptop-1", true, 2), ("phone-1", false, 1), ("laptop-1", false, 0)], changes);
    }

    [Fact]
    public void RegisteringAConnectionAgain_ReplacesItsDevice()
    {
        var registry = new DeviceRegistry();
        registry.Register(Device("c1", "phone-1", "bob"));
        registry.Register(Device("c1", "phone-2", "bob"));

        Assert.Equal("phone-2", Assert.Single(registry.DevicesOf("bob")).DeviceId);
        Assert.Equal(1, registry.Count);
    }

    private static RegisteredDevice Device(string connection, string deviceId, string user) =>
        new(connection, deviceId, user, user + "@x.test", user, E2eeCapable: true, From: null);
}
