using Conclave.Client.Media;
using Conclave.Protocols.Dtls;

namespace Conclave.Client.Tests.Media;

public sealed class DtlsCertificateReserveTests
{
    [Fact]
    public async Task Take_NeverHandsOutTheSameCertificateTwice()
    {
        var taken = new List<DtlsCertificate>();
        try
        {
            taken.Add(DtlsCertificateReserve.Take());

            // Let the background refill finish, so later takes come from the reserve.
            Assert.True(await CallPair.EventuallyAsync(() =>
            {
                taken.Add(DtlsCertificateReserve.Take());
                return taken.Count >= 6;
            }));

            Assert.Equal(taken.Count, taken.Select(c => c.Fingerprint.ToColonHex()).Distinct().Count());
        }
        finally
        {
            taken.ForEach(c => c.Dispose());
        }
    }
}
