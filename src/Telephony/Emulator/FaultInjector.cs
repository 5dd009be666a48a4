using Microsoft.Extensions.Options;

namespace Outreach.Telephony.Emulator;

/// <summary>Decides, with seeded randomness, which requests and callbacks get a fault.</summary>
internal sealed class FaultInjector(IOptions<EmulatorOptions> options)
{
    private readonly Random random = new(options.Value.Seed);
    private readonly Lock gate = new();

    /// <summary>The faults in force; replaced at run time by PUT /emulator/faults.</summary>
    public EmulatorFaults Current { get; set; } = options.Value.Faults;

    public bool Roll(double rate)
    {
        if (rate <= 0)
        {
            return false;
        }

        lock (gate)
        {
            return random.NextDouble() < rate;
        }
    }
}
