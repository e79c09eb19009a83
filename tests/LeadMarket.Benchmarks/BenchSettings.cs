namespace LeadMarket.Benchmarks;

/// <summary>Sizes of one run. <see cref="Full"/> are the sizes; <see cref="Quick"/> proves the suite works in under a minute.</summary>
internal sealed record BenchSettings
{
    public required string Mode { get; init; }

    public required int Repetitions { get; init; }

    /// <summary>An untimed run of a figure's paths before its repetitions, so none of them pays for JIT compilation.</summary>
    public required TimeSpan FigureWarmup { get; init; }

    /// <summary>How the figures are spread over processes, as the report says it.</summary>
    public required string Processes { get; init; }

    /// <summary>At most this many untimed rounds before the repetitions (<see cref="JitWarmup"/>).</summary>
    public required int WarmupRounds { get; init; }

    // 1. Fan-out
    public required int Watchers { get; init; }

    public required int FanOutBidsPerSecond { get; init; }

    public required TimeSpan FanOutDuration { get; init; }

    public required TimeSpan FanOutWarmup { get; init; }

    // 2. Durable decisions
    public required int DecisionConnections { get; init; }

    public required int DecisionLots { get; init; }

    public required TimeSpan DecisionDuration { get; init; }

    public required TimeSpan DecisionWarmup { get; init; }

    // 3. Round trip
    public required int RoundTrips { get; init; }

    public required int RoundTripWarmup { get; init; }

    // 4. Circuits
    public required int Circuits { get; init; }

    public required int CircuitRoomLots { get; init; }

    /// <summary>How long open pages settle (first render, interactive render) before the heap is weighed.</summary>
    public required TimeSpan CircuitSettle { get; init; }

    // 5. Room render
    public required int RenderRoomLots { get; init; }

    public required int RenderBids { get; init; }

    public required int RenderBidsPerSecond { get; init; }

    /// <summary>Figure 6: rows of the generated CSV, and how many times it is imported.</summary>
    public required int IntakeRows { get; init; }

    public required int IntakeRepetitions { get; init; }

    public static BenchSettings Full { get; } = new()
    {
        Mode = "full",
        Repetitions = 3,
        FigureWarmup = TimeSpan.FromSeconds(6),
        WarmupRounds = 8,
        Processes = "each figure in a process of its own, the app and its load generator sharing it",
        Watchers = 1_000,
        FanOutBidsPerSecond = 100,
        FanOutDuration = TimeSpan.FromSeconds(20),
        FanOutWarmup = TimeSpan.FromSeconds(2),
        DecisionConnections = 64,
        DecisionLots = 8,
        DecisionDuration = TimeSpan.FromSeconds(10),
        DecisionWarmup = TimeSpan.FromSeconds(1),
        RoundTrips = 5_000,
        RoundTripWarmup = 500,
        Circuits = 100,
        CircuitRoomLots = 20,
        CircuitSettle = TimeSpan.FromSeconds(2),
        RenderRoomLots = 500,
        RenderBids = 300,
        RenderBidsPerSecond = 20,
        IntakeRows = 100_000,
        IntakeRepetitions = 3,
    };

    public static BenchSettings Quick { get; } = new()
    {
        Mode = "quick",
        Repetitions = 3,
        FigureWarmup = TimeSpan.FromSeconds(0.5),
        WarmupRounds = 1,
        Processes = "figures 1–3 in one process and 4–5 in another, both at the same time (they share the cores), the app and its load generator sharing each",
        Watchers = 100,
        FanOutBidsPerSecond = 100,
        FanOutDuration = TimeSpan.FromSeconds(0.5),
        FanOutWarmup = TimeSpan.FromSeconds(0.25),
        DecisionConnections = 64,
        DecisionLots = 8,
        DecisionDuration = TimeSpan.FromSeconds(0.5),
        DecisionWarmup = TimeSpan.FromSeconds(0.2),
        RoundTrips = 300,
        RoundTripWarmup = 100,
        Circuits = 4,
        CircuitRoomLots = 20,
        CircuitSettle = TimeSpan.FromSeconds(0.25),
        RenderRoomLots = 100,
        RenderBids = 20,
        RenderBidsPerSecond = 20,
        IntakeRows = 20_000,
        IntakeRepetitions = 1,
    };
}
