namespace CapMonster.Api
{
    /// <summary>
    /// What the client tells its caller while it works. Calls can come from any thread; the cmdlet side queues them
    /// and writes them on the pipeline thread. Nothing passed here contains the API key.
    /// </summary>
    internal interface IApiEvents
    {
        /// <summary>Whether verbose messages are shown: when not, they are not even built.</summary>
        bool ShowsVerbose { get; }

        /// <summary>Whether debug messages are shown: when not, the bodies are not redacted and formatted for nothing.</summary>
        bool ShowsDebug { get; }

        /// <summary>One line per call: method, URI, status, time.</summary>
        void Verbose(string message);

        /// <summary>Request and response bodies, redacted.</summary>
        void Debug(string message);

        /// <summary>A retry about to happen, and why.</summary>
        void Warning(string message);
    }

}
