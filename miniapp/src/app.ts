import type { PropsWithChildren } from 'react'
import { listenForPrivacyAuthorization } from '@/privacy/consent'
import './app.css'

// the mini-program asks for privacy consent when WeChat says an API needs it (privacy/consent.ts)
listenForPrivacyAuthorization()

function App({ children }: PropsWithChildren) {
  return children
}

export default App
