import { remotePage } from '../components/remoteComponent';

export default remotePage('support/SupportPage', {
  head: { title: 'Support', description: 'Open a support ticket or chat with the MyApp Shop team.' },
});
