namespace Outreach.Server.Startup;

/// <summary>A module's lines of the one start-up banner, given the address the server listens on.</summary>
public interface IStartupBannerLines
{
    IEnumerable<string> Lines(string address);
}
