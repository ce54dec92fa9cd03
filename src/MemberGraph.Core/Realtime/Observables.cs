namespace MemberGraph.Realtime;

/// <summary>The two operators subscriptions need (no Rx package): filter by event type, and map.</summary>
public static class Observables
{
    public static IObservable<TEvent> OfType<TEvent>(this IObservable<IntegrationEvent> source) where TEvent : IntegrationEvent =>
        new Filtered<TEvent>(source);

    private sealed class Filtered<TEvent>(IObservable<IntegrationEvent> source) : IObservable<TEvent> where TEvent : IntegrationEvent
    {
        public IDisposable Subscribe(IObserver<TEvent> observer) => source.Subscribe(new Forward(observer));

        private sealed class Forward(IObserver<TEvent> observer) : IObserver<IntegrationEvent>
        {
            public void OnCompleted() => observer.OnCompleted();

            public void OnError(Exception error) => observer.OnError(error);

            public void OnNext(IntegrationEvent value)
            {
                if (value is TEvent typed)
                {
                    observer.OnNext(typed);
                }
            }
        }
    }
}
