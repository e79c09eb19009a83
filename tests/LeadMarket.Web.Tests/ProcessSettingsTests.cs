namespace LeadMarket.Web.Tests;

/// <summary>
/// The process settings the app applies first thing (the shared byte pool's size). Whether the runtime honours them
/// is checked where it matters, in a fresh process: the benchmark suite applies them the same way and prints how many
/// returned buffers its pool kept.
/// </summary>
public sealed class ProcessSettingsTests : IDisposable
{
    private readonly string? before = Environment.GetEnvironmentVariable(ProcessSettings.PoolVariable);

    [Fact]
    public void Without_an_operator_value_the_pool_is_asked_to_keep_a_thousand_buffers_per_size_and_core()
    {
        Environment.SetEnvironmentVariable(ProcessSettings.PoolVariable, null);

        ProcessSettings.Apply();

        Assert.Equal("1024", Environment.GetEnvironmentVariable(ProcessSettings.PoolVariable));
    }

    [Fact]
    public void An_operator_value_wins()
    {
        Environment.SetEnvironmentVariable(ProcessSettings.PoolVariable, "64");

        ProcessSettings.Apply();

        Assert.Equal("64", Environment.GetEnvironmentVariable(ProcessSettings.PoolVariable));
    }

    public void Dispose() => Environment.SetEnvironmentVariable(ProcessSettings.PoolVariable, before);
}
