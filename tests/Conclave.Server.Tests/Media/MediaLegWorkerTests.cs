using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Conclave.Protocols.Demux;
using Conclave.Protocols.Dtls;
using Conclave.Server.Media;
using Conclave.Server.Tests.Relay;
using Xunit.Abstractions;

namespace Conclave.Server.Tests.Media;

/// <summary>
/// Leg sockets are read by the media processor's shared UDP workers (epoll, as the relay's), so the
/// number of threads does not grow with the number of open legs, and a leg among thousands still
/// answers its device's check, completes DTLS and forwards media.
/// </summary>
[Collection(nameof(AllocationMeasurementCollection))]
public sealed class MediaLegWorkerTests(ManyLegsMediaServerFixture server, ITestOutputHelper output) : IClassFixture<ManyLegsMediaServerFixture>
{
    private const int Legs = 2_000;

    /// <summary>Threads the process may gain while the legs open: thread-pool growth and timers, not one per leg.</summary>
    private const int ThreadAllowance = 16;

    /// <summary>Descriptors needed besides the legs' sockets: the server's database, listeners, the test host's own.</summary>
    private const int DescriptorMargin = 512;

    private const int ResourceOpenFiles = 7;

    [SkippableFact]
    public async Task TwoThousandOpenLegs_RunOnABoundedNumberOfThreads_AndALegStillAnswersAndForwards()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64,
            "The shared UDP workers are Linux x64/arm64 only; elsewhere each leg has its own receive thread.");
        var limit = RaiseOpenFileLimit(Legs + DescriptorMargin);
        Skip.If(limit < Legs + DescriptorMargin,
            $"The open-file limit ({limit}) is below the {Legs + DescriptorMargin} descriptors 2,000 leg sockets need, and the hard limit does not allow more (ulimit -n).");

        // Warm up: the processor, its workers and one leg's machinery exist before the baseline is taken.
        using var certificate = DtlsCertificate.Generate();
        var offer = RawMediaDevice.OfferFor(certificate.Fingerprint, 96);
        var warmUp = Guid.NewGuid();
        Assert.Null(await OpenAsync(warmUp, 0, offer));
        await server.Processor.CloseCallAsync(warmUp, "Test");
        var threadsBefore = ThreadCount();
        var socketsBefore = server.Processor.PolledSocketCount;

        var calls = Enumerable.Range(0, Legs / 2).Select(_ => Guid.NewGuid()).ToList();
        try
        {
            foreach (var callId in calls)
            {
                Assert.Null(await OpenAsync(callId, 0, offer));
                Assert.Null(await OpenAsync(callId, 1, offer));
            }

            var threadsWithLegs = ThreadCount();
            output.WriteLine($"threads: {threadsBefore} before, {threadsWithLegs} with {Legs} legs open; {server.Processor.UdpWorkerCount} UDP workers");
            Assert.Equal(socketsBefore + Legs, server.Processor.PolledSocketCount);
            Assert.True(threadsWithLegs - threadsBefore < ThreadAllowance,
                $"{threadsWithLegs - threadsBefore} threads more with {Legs} legs open ({threadsBefore} before, {server.Processor.UdpWorkerCount} UDP workers)");

            // With the 2,000 legs open, two more devices check, run DTLS-SRTP and exchange media through theirs.
            var callId2 = Guid.NewGuid();
            await using var alice = RawMediaDevice.Create(callId2, "alice", vp8PayloadType: 96);
            await using var bob = RawMediaDevice.Create(callId2, "bob", vp8PayloadType: 100);
            await alice.ConnectAsync(server.Processor);
            await bob.ConnectAsync(server.Processor);
            await Eventually.TrueAsync(() => server.Processor.LegsOf(callId2).All(l => l.Device is not null));
            for (var i = 0; i < 20; i++)
            {
                alice.SendRtp(96);
                Assert.Equal((PacketKind.Rtp, (byte)100, alice.Ssrc), bob.Receive());
                bob.SendRtp(0);
                Assert.Equal((PacketKind.Rtp, (byte)0, bob.Ssrc), alice.Receive());
            }

            Assert.True(ThreadCount() - threadsBefore < ThreadAllowance);
            await server.Processor.CloseCallAsync(callId2, "Test");
        }
        finally
        {
            foreach (var callId in calls)
            {
                await server.Processor.CloseCallAsync(callId, "Test");
            }
        }

        Assert.Equal(socketsBefore, server.Processor.PolledSocketCount);
    }

    private Task<MediaRefusal?> OpenAsync(Guid callId, int device, string offer)
    {
        var name = device.ToString(CultureInfo.InvariantCulture);
        var key = new MediaLegKey(callId, "many-" + name, "many-device-" + name, "many-user-" + name, "many" + name + "@conclave.test");
        return server.Processor.OpenLegAsync(key, offer, _ => Task.CompletedTask, CancellationToken.None);
    }

    private static int ThreadCount()
    {
        using var process = Process.GetCurrentProcess();
        return process.Threads.Count;
    }

    /// <summary>Raises the soft RLIMIT_NOFILE toward the hard limit when it is below <paramref name="wanted"/>; returns the soft limit then in force.</summary>
    private static ulong RaiseOpenFileLimit(int wanted)
    {
        if (GetResourceLimit(ResourceOpenFiles, out var limit) != 0)
        {
            return 0;
        }

        if (limit.Current < (ulong)wanted && limit.Maximum > limit.Current)
        {
            var raised = new ResourceLimit { Current = Math.Min(limit.Maximum, (ulong)wanted), Maximum = limit.Maximum };
            if (SetResourceLimit(ResourceOpenFiles, in raised) == 0)
            {
                return raised.Current;
            }
        }

        return limit.Current;
    }

    [DllImport("libc", EntryPoint = "getrlimit")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetResourceLimit(int resource, out ResourceLimit limit);

    [DllImport("libc", EntryPoint = "setrlimit")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetResourceLimit(int resource, in ResourceLimit limit);

    /// <summary>struct rlimit: rlim_cur, rlim_max (64-bit).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceLimit
    {
        public ulong Current;
        public ulong Maximum;
    }
}
