using Microsoft.Extensions.Configuration;

namespace MemberGraph.Tests.Hosting;

/// <summary>
/// A configuration source that never answers but writes down every key the application asks for. Added last,
/// it is asked first for every lookup — <c>GetConnectionString</c>, <c>GetValue</c> and options binding alike.
/// </summary>
internal sealed class ConfigurationKeyRecorder : IConfigurationSource
{
    private readonly HashSet<string> _keys = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Keys
    {
        get
        {
            lock (_keys)
            {
                return _keys.ToList();
            }
        }
    }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(this);

    private void Record(string key)
    {
        lock (_keys)
        {
            _keys.Add(key);
        }
    }

    private sealed class Provider(ConfigurationKeyRecorder recorder) : ConfigurationProvider
    {
        public override bool TryGet(string key, out string? value)
        {
            recorder.Record(key);
            value = null;
            return false;
        }
    }
}
