using System.Buffers;
using System.Globalization;

namespace LeadMarket.Web;

/// <summary>
/// Settings of the process that hosts the market, applied before anything else runs: the first line of
/// <c>Program</c>, and the first line of the benchmark suite, which hosts the app in its own process
/// (docs/decisions/008).
/// </summary>
public static class ProcessSettings
{
    /// <summary>How many arrays of one size the shared byte pool keeps per core (the runtime's default is 32).</summary>
    public const int PooledArraysPerSizePerCore = 1024;

    /// <summary>The runtime reads this once, at the shared pool's first use, and only from the environment.</summary>
    public const string PoolVariable = "DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION";

    /// <summary>
    /// Lets <see cref="ArrayPool{T}.Shared"/> keep enough buffers for a node with many live connections. Every
    /// SignalR connection writes through a pipe whose 4 KB segments are rented from that pool and returned once the
    /// socket has sent them; a room frame written to a thousand watchers holds a thousand segments at once. With
    /// the default of 32 per core all but a few dozen were allocated anew and dropped after the send: 54% of every
    /// byte the process allocated in benchmark figure 1, and most of its collections. At most 4 MB per core stay
    /// kept for 4 KB segments; the pool gives back what was not used for a while when the collector trims it.
    /// An operator's own value of the variable wins.
    /// </summary>
    public static void Apply()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PoolVariable)))
        {
            Environment.SetEnvironmentVariable(PoolVariable, PooledArraysPerSizePerCore.ToString(CultureInfo.InvariantCulture));
        }
    }
}
